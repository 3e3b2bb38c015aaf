# One image recipe for every service of the fleet: docker build --build-arg SERVICE=soc-api .
# Used by docker-compose.yml (local mode) and by the ECS task definitions (aws mode). The standalone
# image also serves compose's one-shot 'bootstrap' service: `java -jar app.jar bootstrap` creates the
# local mode's bus, queues, tables, key and buckets in LocalStack (LocalAwsBootstrap).
FROM eclipse-temurin:25-jdk AS build
ARG SERVICE
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY shared-lib shared-lib
COPY services services
# The routing definition: the event-bus build copies it into its jar (in-process routing, bootstrap).
COPY infra/events infra/events
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl services/${SERVICE} -am package

FROM eclipse-temurin:21-jre
ARG SERVICE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 socagent
COPY --from=build /src/services/${SERVICE}/target/${SERVICE}-*-exec.jar /app/app.jar
USER 10001
EXPOSE 8080
# --enable-native-access: RocksDB's JNI library (the embedded context store of the standalone image).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/app.jar"]
