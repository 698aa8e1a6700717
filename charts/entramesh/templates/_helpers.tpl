{{/* Names, labels and shared fragments. Every service is rendered by "entramesh.service" in _service.tpl. */}}

{{- define "entramesh.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "entramesh.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's objects: <fullname>-<component>. */}}
{{- define "entramesh.componentName" -}}
{{- printf "%s-%s" (include "entramesh.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "entramesh.selectorLabels" -}}
app.kubernetes.io/name: {{ include "entramesh.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "entramesh.labels" -}}
{{ include "entramesh.selectorLabels" . }}
app.kubernetes.io/part-of: entramesh
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "entramesh.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- printf "%s/%s/%s:%s" .root.Values.image.registry .root.Values.image.repository .component $tag -}}
{{- end -}}

{{/* Where PostgreSQL and RabbitMQ are: the dev-mode services inside the release, or the platform's servers. */}}
{{- define "entramesh.postgresqlHost" -}}
{{- if .Values.devInfrastructure.enabled -}}{{ include "entramesh.componentName" (dict "root" . "component" "postgresql") }}{{- else -}}{{ required "postgresql.host is required (or devInfrastructure.enabled=true)" .Values.postgresql.host }}{{- end -}}
{{- end -}}

{{- define "entramesh.rabbitmqHost" -}}
{{- if .Values.devInfrastructure.enabled -}}{{ include "entramesh.componentName" (dict "root" . "component" "rabbitmq") }}{{- else -}}{{ required "rabbitmq.host is required (or devInfrastructure.enabled=true)" .Values.rabbitmq.host }}{{- end -}}
{{- end -}}

{{- define "entramesh.postgresqlSecret" -}}
{{- if .Values.devInfrastructure.enabled -}}{{ include "entramesh.componentName" (dict "root" . "component" "dev-credentials") }}{{- else -}}{{ required "postgresql.existingSecret is required: a Secret with <service>-username and <service>-password" .Values.postgresql.existingSecret }}{{- end -}}
{{- end -}}

{{- define "entramesh.rabbitmqSecret" -}}
{{- if .Values.devInfrastructure.enabled -}}{{ include "entramesh.componentName" (dict "root" . "component" "dev-credentials") }}{{- else -}}{{ required "rabbitmq.existingSecret is required: a Secret with username and password" .Values.rabbitmq.existingSecret }}{{- end -}}
{{- end -}}

{{- define "entramesh.rulesConfigMap" -}}
{{- default (include "entramesh.componentName" (dict "root" . "component" "rules")) .Values.rules.existingConfigMap -}}
{{- end -}}

{{/* The emulator's default tenant (services/EntraMesh.EntraEmulator/appsettings.json); dispatch's targets in emulator mode. */}}
{{- define "entramesh.emulatorTenant" -}}
tenantId: 5a3d4936-e7c3-47a3-9f87-ae17e9239b61
clientId: 4c821812-5cee-464f-8374-1ae513fd2387
cloud:
  servicePrincipalId: 0d295d78-f863-4bf1-a52e-10a35977e96f
  jobId: API2AAD.5a3d4936e7c347a39f87ae17e9239b61.2166f772-9553-428a-b28e-692f7f958963
onPremises:
  servicePrincipalId: b3ec5abb-2a60-487e-a312-e0401ea61b78
  jobId: API2AD.5a3d4936e7c347a39f87ae17e9239b61.0715a20e-7ef6-454d-8441-2158b5de82a4
domain: contoso.com
{{- end -}}

{{- define "entramesh.emulatorSecret" -}}
{{- include "entramesh.componentName" (dict "root" . "component" "emulator-credentials") -}}
{{- end -}}
