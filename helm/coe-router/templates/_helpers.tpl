{{/* Names and labels. */}}
{{- define "coe-router.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "coe-router.fullname" -}}
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

{{- define "coe-router.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "coe-router.labels" -}}
helm.sh/chart: {{ include "coe-router.chart" . }}
app.kubernetes.io/name: {{ include "coe-router.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: coe-router
{{- end -}}

{{/* The router pods: what the Service, PDB, NetworkPolicy and spread constraints select. */}}
{{- define "coe-router.selectorLabels" -}}
app.kubernetes.io/name: {{ include "coe-router.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: router
{{- end -}}

{{- define "coe-router.redisName" -}}
{{- printf "%s-redis" (include "coe-router.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "coe-router.redisSelectorLabels" -}}
app.kubernetes.io/name: {{ include "coe-router.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: redis
{{- end -}}

{{- define "coe-router.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "coe-router.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "coe-router.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Where the ConfigMap's files, the scratch space and the model cache are mounted in the router container. */}}
{{- define "coe-router.configDir" -}}/etc/coe-router{{- end -}}
{{- define "coe-router.cacheDir" -}}/var/cache/coe-router{{- end -}}
{{- define "coe-router.tmpDir" -}}/tmp{{- end -}}

{{/* Seconds of a Spring duration such as 120s, 2m or 1h (plain numbers are milliseconds, as Spring reads them). */}}
{{- define "coe-router.durationSeconds" -}}
{{- $d := toString . | trim -}}
{{- if regexMatch "^[0-9]+s$" $d -}}{{ trimSuffix "s" $d }}
{{- else if regexMatch "^[0-9]+m$" $d -}}{{ mul (trimSuffix "m" $d | atoi) 60 }}
{{- else if regexMatch "^[0-9]+h$" $d -}}{{ mul (trimSuffix "h" $d | atoi) 3600 }}
{{- else if regexMatch "^[0-9]+ms$" $d -}}{{ div (trimSuffix "ms" $d | atoi) 1000 }}
{{- else if regexMatch "^[0-9]+$" $d -}}{{ div ($d | atoi) 1000 }}
{{- else -}}{{ fail (printf "router.shutdownTimeout must be a duration such as 120s, 2m or 1h, but was %q" $d) }}
{{- end -}}
{{- end -}}

{{/*
Rules that span several values. values.schema.json refuses the same combinations; these messages say what to do.
*/}}
{{- define "coe-router.validate" -}}
{{- $grace := int .Values.router.terminationGracePeriodSeconds -}}
{{- $needed := add (int .Values.router.preStopSleepSeconds) (include "coe-router.durationSeconds" .Values.router.shutdownTimeout | atoi) -}}
{{- if lt $grace (int $needed) -}}
{{- fail (printf "router.terminationGracePeriodSeconds (%d) must be at least router.preStopSleepSeconds plus router.shutdownTimeout (%d s), or Kubernetes kills in-flight streams" $grace (int $needed)) -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
{{- fail (printf "autoscaling.minReplicas (%d) must not exceed autoscaling.maxReplicas (%d)" (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
{{- end -}}
{{- if and .Values.auth.enabled (not .Values.auth.existingSecret) -}}
{{- fail "auth.enabled is true but auth.existingSecret is empty: create a Secret holding the admin key (at least 16 characters) under auth.adminKeyKey and name it in auth.existingSecret" -}}
{{- end -}}
{{- if and .Values.localModels.gpu.enabled (eq .Values.localModels.modelSource.type "none") -}}
{{- fail "localModels.gpu.enabled is true but localModels.modelSource.type is none: set a model source (pvc, image or url) for the local experts" -}}
{{- end -}}
{{- if and (eq .Values.redis.mode "external") (not .Values.redis.external.existingSecret) -}}
{{- fail "redis.mode is external but redis.external.existingSecret is empty: name the Secret whose key redis.external.urlKey holds the redis:// or rediss:// URL" -}}
{{- end -}}
{{- if and (eq .Values.redis.mode "none") (not .Values.autoscaling.enabled) (gt (int .Values.router.replicas) 1) -}}
{{- fail (printf "router.replicas is %d but redis.mode is none: without Redis each replica keeps its own keys, experts and batches; set redis.mode to external or chart, or run one replica" (int .Values.router.replicas)) -}}
{{- end -}}
{{- if and (eq .Values.redis.mode "none") .Values.autoscaling.enabled -}}
{{- fail "autoscaling.enabled needs shared state: set redis.mode to external or chart" -}}
{{- end -}}
{{- end -}}

{{/* The router's replicas as the PDB sees them (the HPA's floor when it scales). */}}
{{- define "coe-router.minReplicas" -}}
{{- if .Values.autoscaling.enabled -}}{{ int .Values.autoscaling.minReplicas }}{{- else -}}{{ int .Values.router.replicas }}{{- end -}}
{{- end -}}
