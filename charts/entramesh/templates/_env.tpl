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
{{- include (printf "entramesh.env.%s" $component) . | nindent 0 }}
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
{{- with $root.Values.gateway.trustedProxies }}
- name: ForwardedHeaders__Enabled
  value: "true"
{{- range $index, $network := . }}
- name: {{ printf "ForwardedHeaders__KnownNetworks__%d" $index }}
  value: {{ $network | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "entramesh.env.ingest" -}}
- name: Ingest__StateDirectory
  value: /data
{{- end -}}

{{- define "entramesh.env.mapping" -}}
{{- end -}}

{{- define "entramesh.env.reconciliation" -}}
{{- end -}}

{{- define "entramesh.env.emulator" -}}
{{- $root := .root -}}
{{- $tenant := include "entramesh.emulatorTenant" $root | fromYaml -}}
- name: Emulator__Urls
  value: "https://0.0.0.0:8443"
- name: Emulator__StateDirectory
  value: /tmp/emulator
- name: Emulator__Certificate__Path
  value: /var/run/secrets/emulator/tls.crt
- name: Emulator__Certificate__KeyPath
  value: /var/run/secrets/emulator/tls.key
- name: Emulator__Tenants__0__Applications__0__ClientSecret
  valueFrom:
    secretKeyRef: { name: {{ include "entramesh.emulatorSecret" $root }}, key: client-secret }
- name: Emulator__Tenants__0__ProvisioningApps__0__UserPrincipalNameSuffix
  value: {{ $tenant.domain | quote }}
- name: Emulator__Tenants__0__ProvisioningApps__1__UserPrincipalNameSuffix
  value: {{ $tenant.domain | quote }}
{{- end -}}

{{- define "entramesh.env.dispatch" -}}
{{- $root := .root -}}
{{- $emulator := $root.Values.services.emulator.enabled -}}
{{- $tenant := include "entramesh.emulatorTenant" $root | fromYaml -}}
{{- range $index, $target := $root.Values.entra.targets }}
{{- $prefix := printf "Dispatch__Targets__%d__" $index }}
- name: {{ $prefix }}Name
  value: {{ $target.name | quote }}
{{- if $emulator }}
{{- $job := ternary $tenant.onPremises $tenant.cloud (eq $target.kind "onPremises") }}
- name: {{ $prefix }}TenantId
  value: {{ $tenant.tenantId | quote }}
- name: {{ $prefix }}ClientId
  value: {{ $tenant.clientId | quote }}
- name: {{ $prefix }}ServicePrincipalId
  value: {{ $job.servicePrincipalId | quote }}
- name: {{ $prefix }}JobId
  value: {{ $job.jobId | quote }}
- name: {{ $prefix }}ClientSecret
  valueFrom:
    secretKeyRef: { name: {{ include "entramesh.emulatorSecret" $root }}, key: client-secret }
- name: {{ $prefix }}EmulatorBaseUrl
  value: {{ printf "https://%s" (include "entramesh.componentName" (dict "root" $root "component" "emulator")) | quote }}
- name: {{ $prefix }}TrustedCertificatePath
  value: /var/run/secrets/emulator/tls.crt
{{- else }}
- name: {{ $prefix }}TenantId
  value: {{ $target.tenantId | quote }}
- name: {{ $prefix }}ClientId
  value: {{ $target.clientId | quote }}
- name: {{ $prefix }}ServicePrincipalId
  value: {{ $target.servicePrincipalId | quote }}
- name: {{ $prefix }}JobId
  value: {{ $target.jobId | quote }}
- name: {{ $prefix }}CredentialDirectory
  value: /var/run/secrets/entra
{{- end }}
- name: {{ $prefix }}DailyBudget
  value: {{ $target.dailyBudget | quote }}
{{- with $target.leaverReserve }}
- name: {{ $prefix }}LeaverReserve
  value: {{ . | quote }}
{{- end }}
{{- if hasKey $target "windowLeaverReserve" }}
- name: {{ $prefix }}WindowLeaverReserve
  value: {{ $target.windowLeaverReserve | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "entramesh.rulesContent" -}}
{{- if .Values.rules.content -}}{{ .Values.rules.content }}{{- else -}}{{ .Files.Get "files/rules.yaml" }}{{- end -}}
{{- end -}}
