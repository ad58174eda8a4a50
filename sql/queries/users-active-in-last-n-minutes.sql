-- Which users were active in the last N minutes, most recent first?
-- N is the -15 below: edit that literal (-60 for the last hour, -1440 for the last day).
-- Users still online count, and so do users who have gone offline since. LAST_SEEN_AT lags live
-- activity by up to 15 s (a steady heartbeat rewrites it at most every 15 s), so a user whose last
-- activity lies within 15 s of the window's start may be left out. Wrap the query in
-- SELECT COUNT(*) FROM (...) for just the number.
SELECT USER_ID, STATUS, LAST_SEEN_AT
FROM PRESENCE
WHERE LAST_SEEN_AT >= DATEADD('MINUTE', -15, CURRENT_TIMESTAMP())
ORDER BY LAST_SEEN_AT DESC, USER_ID;
