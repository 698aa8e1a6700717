{{/*
One EntraMesh service: Deployment, Service, PodDisruptionBudget and HorizontalPodAutoscaler. Called with
(dict "root" $ "component" <name> "svc" <services.name>). What differs between services is data in values.yaml.
*/}}
{{- define "entramesh.service" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $component := .component -}}
{{- $ctx := dict "root" $root "component" $component -}}
{{- $name := include "entramesh.componentName" $ctx -}}
{{- $port := int (default 8080 $svc.containerPort) -}}
{{- $scheme := default "HTTP" $svc.probeScheme -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "entramesh.labels" $ctx | nindent 4 }}
spec:
  {{- if not $svc.autoscaling.enabled }}
  replicas: {{ $svc.replicas }}
  {{- end }}
  revisionHistoryLimit: 3
  selector:
    matchLabels:
      {{- include "entramesh.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "entramesh.labels" $ctx | nindent 8 }}
      annotations:
        # Configuration changes roll the pods.
        checksum/config: {{ include "entramesh.serviceEnv" . | sha256sum }}
        {{- if eq $component "mapping" }}
        checksum/rules: {{ include "entramesh.rulesContent" $root | sha256sum }}
        {{- end }}
        {{- if $root.Values.telemetry.prometheusAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/path: /metrics
        prometheus.io/port: {{ $port | quote }}
        {{- if eq $scheme "HTTPS" }}
        prometheus.io/scheme: https
        {{- end }}
        {{- end }}
    spec:
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ $component }}
          image: {{ include "entramesh.image" $ctx }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ $port }}
              protocol: TCP
          env:
            {{- include "entramesh.serviceEnv" . | nindent 12 }}
          startupProbe:
            httpGet: { path: /health/live, port: http, scheme: {{ $scheme }} }
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet: { path: /health/live, port: http, scheme: {{ $scheme }} }
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet: { path: /health/ready, port: http, scheme: {{ $scheme }} }
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 2
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if eq $component "mapping" }}
            - name: rules
              mountPath: /etc/entramesh/rules
              readOnly: true
            {{- end }}
            {{- if and $svc.entraCredential $root.Values.entra.existingSecret (not $root.Values.services.emulator.enabled) }}
            - name: entra-credential
              mountPath: /var/run/secrets/entra
              readOnly: true
            {{- end }}
            {{- if eq $component "ingest" }}
            - name: spool
              mountPath: /data
            {{- end }}
            {{- if and (eq $component "ingest") $root.Values.ingest.existingSecret }}
            - name: source-secrets
              mountPath: /run/secrets/entramesh
              readOnly: true
            {{- end }}
            {{- if or (eq $component "emulator") (and (eq $component "dispatch") $root.Values.services.emulator.enabled) }}
            - name: emulator-credentials
              mountPath: /var/run/secrets/emulator
              readOnly: true
            {{- end }}
            {{- if and (eq $component "gateway") $root.Values.gateway.existingApiKeySecret }}
            - name: api-keys
              mountPath: /run/secrets/entramesh
              readOnly: true
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: { sizeLimit: 256Mi }
        {{- if eq $component "mapping" }}
        - name: rules
          configMap:
            name: {{ include "entramesh.rulesConfigMap" $root }}
        {{- end }}
        {{- if and $svc.entraCredential $root.Values.entra.existingSecret (not $root.Values.services.emulator.enabled) }}
        # The Entra credential is mounted here and nowhere else.
        - name: entra-credential
          secret:
            secretName: {{ $root.Values.entra.existingSecret }}
            defaultMode: 0400
        {{- end }}
        {{- if eq $component "ingest" }}
        # Uploaded files while they import.
        - name: spool
          {{- if $root.Values.ingest.spool.existingClaim }}
          persistentVolumeClaim: { claimName: {{ $root.Values.ingest.spool.existingClaim }} }
          {{- else }}
          emptyDir: { sizeLimit: {{ $root.Values.ingest.spool.sizeLimit }} }
          {{- end }}
        {{- end }}
        {{- if and (eq $component "ingest") $root.Values.ingest.existingSecret }}
        - name: source-secrets
          secret:
            secretName: {{ $root.Values.ingest.existingSecret }}
            defaultMode: 0400
        {{- end }}
        {{- if or (eq $component "emulator") (and (eq $component "dispatch") $root.Values.services.emulator.enabled) }}
        # The emulator's certificate and client secret; dispatch gets the public certificate and the secret only.
        - name: emulator-credentials
          secret:
            secretName: {{ include "entramesh.emulatorSecret" $root }}
            defaultMode: 0400
            {{- if eq $component "dispatch" }}
            items:
              - { key: tls.crt, path: tls.crt }
              - { key: client-secret, path: client-secret }
            {{- end }}
        {{- end }}
        {{- if and (eq $component "gateway") $root.Values.gateway.existingApiKeySecret }}
        - name: api-keys
          secret:
            secretName: {{ $root.Values.gateway.existingApiKeySecret }}
            defaultMode: 0400
        {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "entramesh.labels" $ctx | nindent 4 }}
spec:
  type: {{ default "ClusterIP" $svc.service.type }}
  selector:
    {{- include "entramesh.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ $svc.service.port }}
      targetPort: http
      protocol: TCP
{{- if and $root.Values.podDisruptionBudget.enabled (or $svc.autoscaling.enabled (gt (int $svc.replicas) 1)) }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "entramesh.labels" $ctx | nindent 4 }}
spec:
  maxUnavailable: {{ $root.Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "entramesh.selectorLabels" $ctx | nindent 6 }}
{{- end }}
{{- if $svc.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  labels:
    {{- include "entramesh.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ $svc.autoscaling.minReplicas }}
  maxReplicas: {{ $svc.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $svc.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end -}}
