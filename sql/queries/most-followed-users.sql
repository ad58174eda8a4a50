-- Who are the 20 most-followed users (fan-in: how many subscribers follow each user)?
-- SUBSCRIPTION.USER_ID is the followed user, SUBSCRIBER_ID the follower. Ties are broken by USER_ID
-- so the list is stable. Followed users need not have a PRESENCE row (one can follow a user never seen).
SELECT USER_ID, COUNT(*) AS FOLLOWERS
FROM SUBSCRIPTION
GROUP BY USER_ID
ORDER BY FOLLOWERS DESC, USER_ID
LIMIT 20;
