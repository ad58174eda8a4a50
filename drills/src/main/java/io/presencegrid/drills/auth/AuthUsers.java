package io.presencegrid.drills.auth;

/**
 * The drill's users, named afresh on every run so that repeated runs against one grid never see each
 * other's presence: {@code a} attacks, {@code b} is the victim (invisible), {@code hidden} has only ever been invisible, {@code admin} holds the scope;
 * {@code owner} sets privacy that blocks {@code prober} and shows presence to {@code friend} alone.
 */
record AuthUsers(String a, String b, String hidden, String admin, String owner, String prober, String friend) {

    static AuthUsers fresh() {
        String run = Long.toString(System.currentTimeMillis(), 36);
        return new AuthUsers("auth-a-" + run, "auth-b-" + run, "auth-c-" + run, "auth-admin-" + run,
                "auth-owner-" + run, "auth-prober-" + run, "auth-friend-" + run);
    }
}
