# syntax=docker/dockerfile:1
# The CoE Router image: the Boot exec jar's layers on a JRE, as a non-root user, for a read-only root filesystem.
#
#   ./mvnw -pl router-service -am package -DskipTests
#   docker build -t coe-router:0.1.0 .
#   docker build -t coe-router:0.1.0-cu128 --build-arg TORCH_FLAVOR=cu128 .     # NVIDIA GPU nodes
#
# The jar is built outside the image (one Maven build for tests and image). docs/kubernetes.md#the-image says how this
# recipe was verified on machines that cannot run a container, and what was not.
#
# The image carries an AOT cache (JDK 25, JEPs 483/514/515: classes already loaded and linked, method profiles) made by
# a training run of the extracted app exactly as the image runs it (same JDK, same classpath, same flags): one start
# with the warm-up at readiness (coe.warmup.*), which then exits (coe.warmup.exit). Its effect on the start and the
# first requests: docs/benchmarks.md#warm-start. The cache is only read at run time; a JVM that cannot use it says so and
# starts without it (chart: router.jvm.aotCache.enabled=false sets -XX:AOTMode=off).

ARG JAVA_IMAGE=eclipse-temurin:25-jre
# cpu: the libtorch inside the jar (pytorch-native-cpu). cu128: DJL's CUDA 12.8 build of the same libtorch, from Maven
# Central, beside the jar; the jar's pytorch-jni already carries the cu128 JNI library. The nodes need the NVIDIA driver
# and container toolkit; the CUDA libraries come with DJL's libtorch build.
ARG TORCH_FLAVOR=cpu
ARG TORCH_VERSION=2.7.1

# 1. Split the exec jar into its layers (dependencies change rarely, the application often), as a plain jar
#    (coe-router.jar, its Class-Path naming lib/*.jar) that the JDK's built-in class loader reads: an AOT cache holds
#    only classes from the class path, not those of Spring Boot's nested-jar launcher.
FROM ${JAVA_IMAGE} AS layers
ARG JAR=router-service/target/router-service-0.1.0-SNAPSHOT-exec.jar
WORKDIR /build
COPY ${JAR} app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --application-filename coe-router.jar --destination extracted

# 2. The application for the CPU, without its AOT cache: what the training run and the image both run.
FROM ${JAVA_IMAGE} AS app-cpu
RUN groupadd --system --gid 10001 coe && \
    useradd --system --uid 10001 --gid coe --home-dir /tmp --no-create-home --shell /usr/sbin/nologin coe && \
    mkdir -p /var/cache/coe-router /etc/coe-router /models && \
    chown coe:coe /var/cache/coe-router
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# Everything the process writes goes to volumes (the chart mounts emptyDirs there): java.io.tmpdir (Tomcat's work
# folder, onnxruntime's native library, uploads spilling to disk) and the model cache (coe.local.cache-dir, and
# DJL_CACHE_DIR where libtorch is extracted on first use). The heap follows the container's memory limit.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp --enable-native-access=ALL-UNNAMED" \
    DJL_CACHE_DIR=/var/cache/coe-router/djl \
    COE_LOCAL_CACHEDIR=/var/cache/coe-router \
    HOME=/tmp
USER 10001:10001
EXPOSE 8080 9090
VOLUME ["/tmp", "/var/cache/coe-router"]

# 3. The AOT cache: the training run, the app started as the image starts it (JDK_JAVA_OPTIONS above, WORKDIR /app,
#    -jar coe-router.jar), warmed up through its real request path, then exiting; the JVM writes the cache on exit.
#    Free ports (nothing else may be on 8080 where the build runs); a heap under 32 GB, compressed oops as in a pod;
#    time for all the warm-up's requests on a busy build machine.
FROM app-cpu AS aot-cpu
USER root
RUN mkdir -p /aot && \
    java -Xmx1g -XX:AOTCacheOutput=/aot/coe-router.aot -jar coe-router.jar --coe.warmup.exit=true \
      --coe.warmup.enabled=true --coe.warmup.timeout=5m --server.port=0 --management.server.port=0

# 4. The runtime image for the CPU: the application and its AOT cache.
FROM app-cpu AS runtime-cpu
COPY --from=aot-cpu /aot/coe-router.aot /app/coe-router.aot
# Exec form: java is PID 1 and receives SIGTERM itself; server.shutdown=graceful lets in-flight requests finish.
ENTRYPOINT ["java", "-XX:AOTCache=/app/coe-router.aot", "-jar", "coe-router.jar"]

# 5. The same with CUDA libtorch (about 2 GB more), which DJL loads instead of the jar's CPU build.
FROM ${JAVA_IMAGE} AS torch-cu128
ARG TORCH_VERSION
RUN apt-get update && apt-get install -y --no-install-recommends curl unzip && rm -rf /var/lib/apt/lists/* && \
    curl -fsSL -o /tmp/native.jar \
      "https://repo1.maven.org/maven2/ai/djl/pytorch/pytorch-native-cu128/${TORCH_VERSION}/pytorch-native-cu128-${TORCH_VERSION}-linux-x86_64.jar" && \
    unzip -q /tmp/native.jar 'pytorch/cu128/linux-x86_64/*' -d /tmp/native && \
    mkdir -p /opt/libtorch && mv /tmp/native/pytorch/cu128/linux-x86_64/* /opt/libtorch/ && rm -rf /tmp/native*

FROM runtime-cpu AS runtime-cu128
COPY --from=torch-cu128 /opt/libtorch /opt/libtorch
ENV PYTORCH_LIBRARY_PATH=/opt/libtorch \
    PYTORCH_FLAVOR=cu128

# The image: runtime-cpu unless --build-arg TORCH_FLAVOR=cu128.
FROM runtime-${TORCH_FLAVOR}
