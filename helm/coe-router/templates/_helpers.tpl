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

{{/* The worker pods: what the worker Service, PDB, HPA, NetworkPolicy and spread constraints select. */}}
{{- define "coe-router.workerSelectorLabels" -}}
app.kubernetes.io/name: {{ include "coe-router.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: worker
{{- end -}}

{{- define "coe-router.workerName" -}}
{{- printf "%s-worker" (include "coe-router.fullname" .) | trunc 63 | trimSuffix "-" -}}
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

{{/*
Seconds of a Spring duration such as 120s, 2m or 1h (plain numbers are milliseconds, as Spring reads them). Called
with the duration (router.shutdownTimeout) or with a list of the key's name and the duration.
*/}}
{{- define "coe-router.durationSeconds" -}}
{{- $key := "router.shutdownTimeout" -}}
{{- $d := "" -}}
{{- if kindIs "slice" . -}}
{{- $key = index . 0 -}}
{{- $d = toString (index . 1) | trim -}}
{{- else -}}
{{- $d = toString . | trim -}}
{{- end -}}
{{- if regexMatch "^[0-9]+s$" $d -}}{{ trimSuffix "s" $d }}
{{- else if regexMatch "^[0-9]+m$" $d -}}{{ mul (trimSuffix "m" $d | atoi) 60 }}
{{- else if regexMatch "^[0-9]+h$" $d -}}{{ mul (trimSuffix "h" $d | atoi) 3600 }}
{{- else if regexMatch "^[0-9]+ms$" $d -}}{{ div (trimSuffix "ms" $d | atoi) 1000 }}
{{- else if regexMatch "^[0-9]+$" $d -}}{{ div ($d | atoi) 1000 }}
{{- else -}}{{ fail (printf "%s must be a duration such as 120s, 2m or 1h, but was %q" $key $d) }}
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
{{- if and .Values.cache.enabled (eq .Values.cache.store "redis") (eq .Values.redis.mode "none") -}}
{{- fail "cache.store is redis but redis.mode is none: the response cache's Redis store needs the shared Redis; set redis.mode to chart or external, or cache.store to auto or memory" -}}
{{- end -}}
{{- if .Values.worker.enabled -}}
{{- include "coe-router.validateWorker" . -}}
{{- end -}}
{{- end -}}

{{/* Rules of the worker Deployment (worker.enabled). */}}
{{- define "coe-router.validateWorker" -}}
{{- $w := .Values.worker -}}
{{- if eq .Values.redis.mode "none" -}}
{{- fail "worker.enabled needs Redis, but redis.mode is none: workers take local experts' work from per-expert queues (Redis Streams) that the gateways fill, and answer through Redis; set redis.mode to chart or external (with redis.external.existingSecret)" -}}
{{- end -}}
{{- if .Values.localModels.gpu.enabled -}}
{{- fail "worker.enabled and localModels.gpu.enabled are both true: with workers, local models run on the worker pods and the routers (gateways) need no GPU; set localModels.gpu.enabled to false and put the GPU settings under worker.gpu, worker.nodeSelector and worker.tolerations" -}}
{{- end -}}
{{- if and $w.gpu.enabled (eq .Values.localModels.modelSource.type "none") -}}
{{- fail "worker.gpu.enabled is true but localModels.modelSource.type is none: set a model source (pvc, image or url) for the workers' local experts, or worker.gpu.enabled false for CPU workers" -}}
{{- end -}}
{{- $grace := int $w.terminationGracePeriodSeconds -}}
{{- $shutdown := include "coe-router.durationSeconds" (list "worker.shutdownTimeout" $w.shutdownTimeout) | atoi -}}
{{- if lt $grace $shutdown -}}
{{- fail (printf "worker.terminationGracePeriodSeconds (%d) must be at least worker.shutdownTimeout (%d s), or Kubernetes kills a worker in the middle of a batch" $grace $shutdown) -}}
{{- end -}}
{{- if and (eq (int $w.rollingUpdate.maxSurge) 0) (eq (int $w.rollingUpdate.maxUnavailable) 0) -}}
{{- fail "worker.rollingUpdate.maxSurge and worker.rollingUpdate.maxUnavailable are both 0: a rollout could never replace a worker; allow one of them" -}}
{{- end -}}
{{- $a := $w.autoscaling -}}
{{- if $a.enabled -}}
{{- if gt (int $a.minReplicas) (int $a.maxReplicas) -}}
{{- fail (printf "worker.autoscaling.minReplicas (%d) must not exceed worker.autoscaling.maxReplicas (%d)" (int $a.minReplicas) (int $a.maxReplicas)) -}}
{{- end -}}
{{- if and (eq (int $a.targetCPUUtilizationPercentage) 0) (not $a.queueDepth.enabled) -}}
{{- fail "worker.autoscaling.enabled needs a metric: set worker.autoscaling.targetCPUUtilizationPercentage above 0 or enable worker.autoscaling.queueDepth" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The router's replicas as the PDB sees them (the HPA's floor when it scales). */}}
{{- define "coe-router.minReplicas" -}}
{{- if .Values.autoscaling.enabled -}}{{ int .Values.autoscaling.minReplicas }}{{- else -}}{{ int .Values.router.replicas }}{{- end -}}
{{- end -}}

{{/* The workers' replicas as their PDB sees them (their HPA's floor when it scales). */}}
{{- define "coe-router.workerMinReplicas" -}}
{{- if .Values.worker.autoscaling.enabled -}}{{ int .Values.worker.autoscaling.minReplicas }}{{- else -}}{{ int .Values.worker.replicas }}{{- end -}}
{{- end -}}

{{/* The locked-down security context of every container. */}}
{{- define "coe-router.containerSecurityContext" -}}
{{- toYaml (dict "runAsNonRoot" true "runAsUser" 10001 "runAsGroup" 10001 "readOnlyRootFilesystem" true "allowPrivilegeEscalation" false "privileged" false "capabilities" (dict "drop" (list "ALL")) "seccompProfile" (dict "type" "RuntimeDefault")) -}}
{{- end -}}

{{/* The pod security context of the router and worker pods. */}}
{{- define "coe-router.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
The init container that fills the models volume from localModels.modelSource (image or url), as a list item; empty
for none and pvc.
*/}}
{{- define "coe-router.modelInitContainer" -}}
{{- $source := .Values.localModels.modelSource -}}
{{- if or (eq $source.type "image") (eq $source.type "url") -}}
{{- if eq $source.type "image" }}
# Copies the model folders out of a model image into the pod's models volume.
- name: models
  image: {{ printf "%s:%s" $source.image.repository (default "latest" $source.image.tag) | quote }}
  imagePullPolicy: IfNotPresent
  command: ["sh", "-c", "cp -R \"$MODEL_SOURCE\"/. /models/"]
  env:
    - name: MODEL_SOURCE
      value: {{ $source.image.path | quote }}
{{- else }}
# Fetches a .tar.gz or .zip of model folders and unpacks it into the pod's models volume.
- name: models
  image: {{ $source.url.fetcherImage | quote }}
  imagePullPolicy: IfNotPresent
  command:
    - sh
    - -c
    - |
      set -eu
      if [ -n "${MODEL_TOKEN:-}" ]; then
        curl -fsSL --retry 3 -H "Authorization: Bearer ${MODEL_TOKEN}" -o /models/.download "$MODEL_URL"
      else
        curl -fsSL --retry 3 -o /models/.download "$MODEL_URL"
      fi
      case "$MODEL_URL" in
        *.zip) unzip -q -o /models/.download -d /models ;;
        *) tar -xzf /models/.download -C /models ;;
      esac
      rm -f /models/.download
  env:
    - name: MODEL_URL
      value: {{ $source.url.url | quote }}
    {{- if $source.url.tokenSecret }}
    - name: MODEL_TOKEN
      valueFrom:
        secretKeyRef:
          name: {{ $source.url.tokenSecret }}
          key: {{ $source.url.tokenKey }}
    {{- end }}
{{- end }}
  securityContext:
    {{- include "coe-router.containerSecurityContext" . | nindent 4 }}
  resources:
    {{- toYaml (dict "requests" (dict "cpu" "100m" "memory" "128Mi") "limits" (dict "memory" "512Mi")) | nindent 4 }}
  volumeMounts:
    - name: models
      mountPath: /models
{{- end -}}
{{- end -}}

{{/* The models volume's mount in the container that runs local models, as a list item; empty for none. */}}
{{- define "coe-router.modelVolumeMount" -}}
{{- $source := .Values.localModels.modelSource -}}
{{- if ne $source.type "none" }}
- name: models
  mountPath: {{ $source.mountPath }}
  readOnly: true
  {{- if and (eq $source.type "pvc") $source.pvc.subPath }}
  subPath: {{ $source.pvc.subPath }}
  {{- end }}
{{- end -}}
{{- end -}}

{{/* The models volume, as a list item; empty for none. */}}
{{- define "coe-router.modelVolume" -}}
{{- $source := .Values.localModels.modelSource -}}
{{- if eq $source.type "pvc" }}
- name: models
  persistentVolumeClaim:
    claimName: {{ $source.pvc.claimName }}
    readOnly: true
{{- else if ne $source.type "none" }}
- name: models
  emptyDir:
    sizeLimit: {{ $source.sizeLimit }}
{{- end -}}
{{- end -}}

{{/* REDIS_URL (and the chart's Redis password it expands), as list items; empty when redis.mode is none. */}}
{{- define "coe-router.redisEnv" -}}
{{- if eq .Values.redis.mode "external" }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.external.existingSecret }}
      key: {{ .Values.redis.external.urlKey }}
{{- else if eq .Values.redis.mode "chart" }}
{{- if .Values.redis.chart.existingSecret }}
- name: COE_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.chart.existingSecret }}
      key: {{ .Values.redis.chart.passwordKey }}
- name: REDIS_URL
  value: {{ printf "redis://:$(COE_REDIS_PASSWORD)@%s:6379" (include "coe-router.redisName" .) | quote }}
{{- else }}
- name: REDIS_URL
  value: {{ printf "redis://%s:6379" (include "coe-router.redisName" .) | quote }}
{{- end }}
{{- end -}}
{{- end -}}

{{/* COE_ADMIN_KEY and COE_VIEWER_KEY from auth.existingSecret, as list items; empty when auth is off. */}}
{{- define "coe-router.authEnv" -}}
{{- if .Values.auth.enabled }}
- name: COE_ADMIN_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.auth.existingSecret }}
      key: {{ .Values.auth.adminKeyKey }}
{{- if .Values.auth.viewerKeyKey }}
- name: COE_VIEWER_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.auth.existingSecret }}
      key: {{ .Values.auth.viewerKeyKey }}
{{- end }}
{{- end -}}
{{- end -}}

{{/*
The tracing secrets as list items: each tracing.headers entry as COE_TRACING_HEADER_<n> (the ConfigMap's
coe.tracing.headers name them as ${COE_TRACING_HEADER_<n>}). Only secretKeyRefs: the values never pass through the
chart. Routers and workers both get them (workers run expert calls, which are traced).
*/}}
{{- define "coe-router.tracingEnv" -}}
{{- if .Values.tracing.enabled }}
{{- range $i, $h := .Values.tracing.headers }}
- name: COE_TRACING_HEADER_{{ $i }}
  valueFrom:
    secretKeyRef:
      name: {{ $h.secretName }}
      key: {{ $h.key }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
The usage database's password as COE_USAGE_DATASOURCE_PASSWORD (a secretKeyRef), for routers only: they serve the
chat requests usage history records.
*/}}
{{- define "coe-router.usageEnv" -}}
{{- $ds := .Values.usage.datasource }}
{{- if and $ds.url (or $ds.existingSecret $ds.password) }}
- name: COE_USAGE_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "coe-router.usageSecretName" . }}
      key: {{ ternary $ds.passwordKey "password" (ne $ds.existingSecret "") }}
{{- end }}
{{- end -}}

{{/*
Usage history off in workers: they share the routers' ConfigMap, whose coe.usage.datasource.url would start a pool,
Flyway and the retention job in each worker though workers serve no chat request. The variable outranks the file.
*/}}
{{- define "coe-router.workerUsageOffEnv" -}}
{{- if .Values.usage.datasource.url }}
- name: COE_USAGE_DATASOURCE_URL
  value: ""
{{- end }}
{{- end -}}

{{/*
The response cache off in workers: they share the routers' ConfigMap, whose coe.cache would make each worker a cache
(and, with Redis, a client of its store) though workers serve no chat request. The variable outranks the file.
*/}}
{{- define "coe-router.workerCacheOffEnv" -}}
{{- if .Values.cache.enabled }}
- name: COE_CACHE_ENABLED
  value: "false"
{{- end }}
{{- end -}}

{{/* The Secret holding the usage database's password: usage.datasource.existingSecret or the chart's own. */}}
{{- define "coe-router.usageSecretName" -}}
{{- if .Values.usage.datasource.existingSecret -}}
{{- .Values.usage.datasource.existingSecret -}}
{{- else -}}
{{- printf "%s-usage-db" (include "coe-router.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Single variables from Secrets' keys ([{name, secretName, key}]) then plain ones ([{name, value}]), as list items. */}}
{{- define "coe-router.extraEnv" -}}
{{- range .secretEnv }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ .key }}
{{- end }}
{{- range .env }}
- name: {{ .name }}
  value: {{ .value | quote }}
{{- end }}
{{- end -}}

{{/* The startup, liveness and readiness probes on the actuator (router.probes or worker.probes). */}}
{{- define "coe-router.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: {{ int .startup.periodSeconds }}
  failureThreshold: {{ int .startup.failureThreshold }}
  timeoutSeconds: 3
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: {{ int .liveness.periodSeconds }}
  timeoutSeconds: {{ int .liveness.timeoutSeconds }}
  failureThreshold: {{ int .liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: management
  periodSeconds: {{ int .readiness.periodSeconds }}
  timeoutSeconds: {{ int .readiness.timeoutSeconds }}
  failureThreshold: {{ int .readiness.failureThreshold }}
{{- end -}}

{{/*
The JVM's flags (heap share, temp folder on the /tmp volume), the DJL cache on the cache volume and HOME, as list
items; called with dict "jvm" (router.jvm or worker.jvm) "root" $.
*/}}
{{- define "coe-router.jvmEnv" -}}
{{- $tmpDir := include "coe-router.tmpDir" .root -}}
- name: JDK_JAVA_OPTIONS
  value: {{ printf "-XX:MaxRAMPercentage=%v -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=%s --enable-native-access=ALL-UNNAMED %s %s" .jvm.maxRamPercentage $tmpDir (ternary "" "-XX:AOTMode=off" .jvm.aotCache.enabled) .jvm.extraOptions | trim | replace "  " " " | quote }}
- name: DJL_CACHE_DIR
  value: {{ printf "%s/djl" (include "coe-router.cacheDir" .root) | quote }}
- name: HOME
  value: {{ $tmpDir | quote }}
{{- end -}}
