# filflow for production: talks to ClickHouse, Kafka, PostgreSQL and Lotus servers (see
# docker-compose.yml). The embedded engines and their jars are not in the image.
# the web explorer (ui/): its pinned npm toolchain needs Node 20.19+, which the JDK image lacks
FROM node:22-bookworm-slim AS ui
WORKDIR /src
COPY bin/build-ui bin/
COPY ui/ ui/
RUN bin/build-ui /web /tmp/ui-build.sha256

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q -Dchdb.skip=true -Dui.skip=true -Dembedded.scope=provided dependency:go-offline
COPY . .
COPY --from=ui /web target/classes/webapp
RUN mvn -B -q -Dchdb.skip=true -Dui.skip=true -Dembedded.scope=provided -DskipTests package \
    dependency:copy-dependencies -DincludeScope=runtime

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/filflow filflow && mkdir -p /var/lib/filflow && chown filflow /var/lib/filflow
WORKDIR /opt/filflow
COPY --from=build /src/target/dependency/ lib/
COPY --from=build /src/target/filflow-*.jar lib/
USER filflow
ENV DATA_DIR=/var/lib/filflow
EXPOSE 8080 9876
# exec form: java is PID 1 and gets the SIGTERM of `docker stop` (stop_grace_period in compose)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/filflow/lib/*", "filflow.FilflowMain"]
