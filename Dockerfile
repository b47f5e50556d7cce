# Builds the HITGov fat jar from this repository and runs it on a JRE.
# Camunda's webapps do not support layered/extracted jars (camunda-bpm-platform#4718): ship the plain jar.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
RUN ./mvnw -B -q -DskipTests package && cp target/hitgov-*.jar /hitgov.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 hitgov && apt-get update && apt-get install -y --no-install-recommends wget \
    && rm -rf /var/lib/apt/lists/*
USER hitgov
WORKDIR /app
COPY --from=build /hitgov.jar /app/hitgov.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/hitgov.jar"]
