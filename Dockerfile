# Builds the HITGov fat jar from this repository and runs it on a JRE, as docs/operations.md#how-hitgov-starts
# describes: extracted, with an explicit class path and a class-data-sharing archive made by the runtime's JVM.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
RUN ./mvnw -B -q -DskipTests package && cp target/hitgov-*.jar /hitgov.jar
COPY docker/hitgov-layout.sh /hitgov-layout.sh
RUN bash /hitgov-layout.sh extract /hitgov.jar /app

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 hitgov && apt-get update && apt-get install -y --no-install-recommends wget \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
COPY --from=build /hitgov-layout.sh /app/hitgov-layout.sh
# The archive must come from the JVM that runs it: a training start on an in-memory database, then the dump;
# then a start with -Xshare:on proves this JVM maps it (it refuses to run otherwise). /app/data: the default
# profile's H2 files (the postgres profile writes nothing here).
RUN bash /app/hitgov-layout.sh archive /app \
    && java -Xmx1g -Xshare:on @/app/hitgov.args -version \
    && rm -rf /app/classes-archived.lst /tmp/tomcat* && install -d -o hitgov /app/data
USER hitgov
WORKDIR /app
EXPOSE 8080
# JVM options go in JDK_JAVA_OPTIONS or JAVA_TOOL_OPTIONS (docker-compose.yml sets the heap).
ENTRYPOINT ["java", "@/app/hitgov.args", "io.hitgov.HitgovApplication"]
