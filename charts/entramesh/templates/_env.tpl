{{/* Environment of one service: called with (dict "root" $ "component" <name> "svc" <services.name>). */}}
{{- define "entramesh.serviceEnv" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $component := .component -}}
- name: ASPNETCORE_ENVIRONMENT
  value: {{ $root.Values.environment | quote }}
- name: OTEL_SERVICE_NAME
  value: {{ printf "entramesh-%s" $component | quote }}
{{- with $root.Values.telemetry.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- if $svc.database }}
- name: ConnectionStrings__postgres
  value: {{ printf "Host=%s;Port=%v;Database=%s;SSL Mode=%s" (include "entramesh.postgresqlHost" $root) $root.Values.postgresql.port $root.Values.postgresql.database (ternary "Disable" $root.Values.postgresql.sslMode $root.Values.devInfrastructure.enabled) | quote }}
- name: Database__Schema
  value: {{ $component | quote }}
- name: Database__Username
  valueFrom:
    secretKeyRef: { name: {{ include "entramesh.postgresqlSecret" $root }}, key: {{ printf "%s-username" $component }} }
- name: Database__Password
  valueFrom:
    secretKeyRef: { name: {{ include "entramesh.postgresqlSecret" $root }}, key: {{ printf "%s-password" $component }} }
{{- end }}
{{- if $svc.broker }}
- name: ConnectionStrings__rabbitmq
  value: {{ printf "%s://%s:%v/%s" (ternary "amqps" "amqp" $root.Values.rabbitmq.tls) (include "entramesh.rabbitmqHost" $root) $root.Values.rabbitmq.port $root.Values.rabbitmq.virtualHost | quote }}
- name: Messaging__Username
  valueFrom:
    secretKeyRef: { name: {{ include "entramesh.rabbitmqSecret" $root }}, key: username }
- name: Messaging__Password
  valueFrom:
    secretKeyRef: { name: {{ include "entramesh.rabbitmqSecret" $root }}, key: password }
- name: Messaging__QuorumQueues
  value: {{ and $root.Values.rabbitmq.quorumQueues (not $root.Values.devInfrastructure.enabled) | quote }}
{{- end }}
{{- if eq $component "mapping" }}
- name: Rules__Path
  value: /etc/entramesh/rules/rules.yaml
{{- end }}
{{- include (printf "entramesh.env.%s" $component) . }}
{{- range $key, $value := $svc.env }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* Per-service settings that depend on the rest of the release. */}}
{{- define "entramesh.env.gateway" -}}
{{- $root := .root -}}
{{- range $backend := .svc.routesTo }}
- name: {{ printf "ReverseProxy__Clusters__%s__Destinations__primary__Address" $backend }}
  value: {{ printf "http://%s" (include "entramesh.componentName" (dict "root" $root "component" $backend)) | quote }}
{{- end }}
{{- with $root.Values.gateway.authority }}
- name: Gateway__Authentication__Authority
  value: {{ . | quote }}
{{- end }}
{{- with $root.Values.gateway.audience }}
- name: Gateway__Authentication__Audience
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{- define "entramesh.env.ingest" -}}
{{- end -}}

{{- define "entramesh.env.mapping" -}}
{{- end -}}

{{- define "entramesh.env.reconciliation" -}}
{{- end -}}

{{- define "entramesh.env.emulator" -}}
{{- end -}}

{{- define "entramesh.env.dispatch" -}}
{{- $root := .root -}}
{{- range $index, $target := $root.Values.entra.targets }}
- name: {{ printf "Dispatch__Targets__%d__Name" $index }}
  value: {{ $target.name | quote }}
{{- if $root.Values.services.emulator.enabled }}
- name: {{ printf "Dispatch__Targets__%d__EmulatorBaseUrl" $index }}
  value: {{ printf "https://%s" (include "entramesh.componentName" (dict "root" $root "component" "emulator")) | quote }}
{{- else }}
- name: {{ printf "Dispatch__Targets__%d__TenantId" $index }}
  value: {{ $target.tenantId | quote }}
- name: {{ printf "Dispatch__Targets__%d__ClientId" $index }}
  value: {{ $target.clientId | quote }}
- name: {{ printf "Dispatch__Targets__%d__ServicePrincipalId" $index }}
  value: {{ $target.servicePrincipalId | quote }}
- name: {{ printf "Dispatch__Targets__%d__JobId" $index }}
  value: {{ $target.jobId | quote }}
- name: {{ printf "Dispatch__Targets__%d__CredentialDirectory" $index }}
  value: /var/run/secrets/entra
{{- end }}
- name: {{ printf "Dispatch__Targets__%d__DailyBudget" $index }}
  value: {{ $target.dailyBudget | quote }}
{{- end }}
{{- end -}}

{{- define "entramesh.rulesContent" -}}
{{- if .Values.rules.content -}}{{ .Values.rules.content }}{{- else -}}{{ .Files.Get "files/rules.yaml" }}{{- end -}}
{{- end -}}
