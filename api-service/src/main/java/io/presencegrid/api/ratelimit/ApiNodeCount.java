package io.presencegrid.api.ratelimit;

/** How many API nodes share the cluster's per-user budget right now: the grid knows. */
public interface ApiNodeCount {

    int current();
}
