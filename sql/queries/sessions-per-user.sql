-- How many users have 0, 1, 2, ... live device sessions right now?
-- Every known user (a PRESENCE row) is counted once: users whose sessions all expired are in the
-- 0 bucket. The join is on USER_ID, the affinity column of both tables, so it runs locally on
-- each node.
SELECT SESSIONS, COUNT(*) AS USERS
FROM (
    SELECT p.USER_ID, COUNT(d.DEVICE) AS SESSIONS
    FROM PRESENCE p
    -- An 'offline' session row is a device socket keeping its device offline: no live session.
    LEFT JOIN DEVICE_SESSION d ON d.USER_ID = p.USER_ID AND d.STATUS <> 'offline'
    GROUP BY p.USER_ID
)
GROUP BY SESSIONS
ORDER BY SESSIONS;
