-- Which users were active in the last N minutes, most recent first?
-- N is the -15 below: edit that literal (-60 for the last hour, -1440 for the last day).
-- Users still online count, and so do users who have gone offline since. LAST_SEEN_AT is exact for
-- users who went offline, but for users online right now it lags by up to 5 minutes (heartbeats
-- refresh only the in-memory session, and the row's last seen is rewritten every 5 minutes): a live
-- session therefore counts as active too. Sessions are colocated with their user's row, so the
-- EXISTS is answered on each node locally. Wrap the query in SELECT COUNT(*) FROM (...) for just
-- the number.
SELECT p.USER_ID, p.STATUS, p.LAST_SEEN_AT
FROM PRESENCE p
WHERE p.LAST_SEEN_AT >= DATEADD('MINUTE', -15, CURRENT_TIMESTAMP())
   OR EXISTS (SELECT 1 FROM DEVICE_SESSION d WHERE d.USER_ID = p.USER_ID AND d.STATUS <> 'offline')
ORDER BY p.LAST_SEEN_AT DESC, p.USER_ID;
