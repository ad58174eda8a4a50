# One presence-grid API node per container: the Spring Boot fat jar, which joins the grid as an Ignite
# client node and serves /v1 over HTTP.
#
# Built from the modules' target/ directories after `mvn -B -DskipTests package`, never from the
# repository root (var/ there holds a local cluster's keys and passwords):
#
#   docker build -f deploy/docker/api-service.Dockerfile -t presence-grid/api-service:0.1.0-SNAPSHOT \
#     --build-context ops-tools=ops-tools/target --build-context deploy=deploy/docker api-service/target
#
# No secret is baked in: the JWT secret, TLS stores and their password are mounted files at run time.

ARG JRE_IMAGE=eclipse-temurin:17-jre-noble
FROM ${JRE_IMAGE}

RUN groupadd --gid 10001 presence \
    && useradd --uid 10001 --gid presence --no-create-home --home-dir /var/lib/presence-grid \
       --shell /usr/sbin/nologin presence \
    && mkdir -p /var/lib/presence-grid \
    && chown presence:presence /var/lib/presence-grid \
    && chmod 0750 /var/lib/presence-grid

COPY --from=ops-tools ignite-jvm.options /opt/presence-grid/ignite-jvm.options
COPY api-service.jar /opt/presence-grid/api-service.jar
COPY --from=deploy --chmod=0755 api-service-entrypoint.sh /opt/presence-grid/bin/api-service-entrypoint.sh

# The client node's work directory holds only Ignite's type metadata, rebuilt from the grid on every
# start, so it is no volume. Its communication port is the one grid nodes connect back to.
ENV PRESENCE_HOME=/var/lib/presence-grid \
    PRESENCE_NODE_HOST=0.0.0.0 \
    PRESENCE_API_PORT=8080 \
    PRESENCE_COMMUNICATION_PORT=47120 \
    PRESENCE_CLIENT_PORT=10820 \
    PRESENCE_LOG_FORMAT=json

# HTTP (/v1, /actuator), Ignite communication. The thin-client listener Ignite insists on stays unexposed.
EXPOSE 8080 47120

USER 10001:10001
WORKDIR /var/lib/presence-grid

# Liveness, not readiness: an orchestrator that restarts unhealthy containers must not restart every
# API node while the grid is away, which a restart would not bring back.
HEALTHCHECK --interval=15s --timeout=5s --start-period=2m --retries=3 \
    CMD ["/opt/presence-grid/bin/api-service-entrypoint.sh", "health"]

ENTRYPOINT ["/opt/presence-grid/bin/api-service-entrypoint.sh"]
CMD ["api"]
