# One presence-grid server node per container (GridNodeLauncher), with Ignite's control utility beside it
# so that operators can activate the grid and change its baseline from inside (`... control --state`).
#
# Built from what `mvn -B -DskipTests package` leaves in the modules' target/ directories, never from the
# repository root: var/ there holds a local cluster's keys and passwords, and no build context should
# carry them. So the main context is grid-node/target and the rest come as named contexts
# (BuildKit, the default builder since Docker 23):
#
#   docker build -f deploy/docker/grid-node.Dockerfile -t presence-grid/grid-node:0.1.0-SNAPSHOT \
#     --build-context ops-tools=ops-tools/target --build-context scripts=scripts/lib \
#     --build-context deploy=deploy/docker grid-node/target
#
# No secret is baked in: TLS stores and passwords are mounted files at run time (docs/deployment.md).

ARG JRE_IMAGE=eclipse-temurin:17-jre-noble
FROM ${JRE_IMAGE}

# A fixed numeric uid, so that Kubernetes can check runAsNonRoot and volumes can be given to its group.
RUN groupadd --gid 10001 presence \
    && useradd --uid 10001 --gid presence --no-create-home --home-dir /var/lib/presence-grid \
       --shell /usr/sbin/nologin presence \
    && mkdir -p /var/lib/presence-grid /var/lib/presence-grid-wal \
    && chown presence:presence /var/lib/presence-grid /var/lib/presence-grid-wal \
    && chmod 0750 /var/lib/presence-grid /var/lib/presence-grid-wal

# Dependencies first: they change less often than our own jars, so their layer is reused.
COPY lib/ /opt/presence-grid/lib/
COPY --from=ops-tools lib/ /opt/presence-grid/tools/lib/
COPY --from=ops-tools ignite-jvm.options /opt/presence-grid/ignite-jvm.options
COPY --from=scripts grid-tls-factory.xml tools-logging.properties /opt/presence-grid/tools/
COPY --from=ops-tools ops-tools.jar /opt/presence-grid/tools/ops-tools.jar
COPY grid-node.jar /opt/presence-grid/grid-node.jar
COPY --from=deploy --chmod=0755 grid-node-entrypoint.sh /opt/presence-grid/bin/grid-node-entrypoint.sh

# Every container uses node 0's ports on an address of its own, whatever its node index, so that one
# image and one Service describe every node. Binding every interface needs an advertised address: the
# entrypoint takes the container's own when PRESENCE_NODE_ADVERTISED_HOST is unset.
ENV PRESENCE_HOME=/var/lib/presence-grid \
    PRESENCE_NODE_HOST=0.0.0.0 \
    PRESENCE_DISCOVERY_PORT=47500 \
    PRESENCE_COMMUNICATION_PORT=47100 \
    PRESENCE_CLIENT_PORT=10800 \
    PRESENCE_REST_PORT=8091 \
    PRESENCE_METRICS_PORT=9091 \
    PRESENCE_LOG_FORMAT=json

# discovery, communication, thin client / JDBC / control utility, Ignite REST (HTTPS), Prometheus metrics
EXPOSE 47500 47100 10800 8091 9091

# The node's work directory (data files, checkpoints, its logs under logs/) and its write-ahead log,
# which the entrypoint links into the work directory: two volumes, so the WAL can live on a disk of
# its own, as Ignite advises.
VOLUME ["/var/lib/presence-grid", "/var/lib/presence-grid-wal"]

USER 10001:10001
WORKDIR /var/lib/presence-grid

# Recovery after a crash replays the WAL before the node listens: give it minutes, not seconds.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5m --retries=3 \
    CMD ["/opt/presence-grid/bin/grid-node-entrypoint.sh", "health"]

ENTRYPOINT ["/opt/presence-grid/bin/grid-node-entrypoint.sh"]
CMD ["node"]
