-- Which users have not been seen for more than 30 days, longest unseen first?
-- Users never seen active (LAST_SEEN_AT is NULL, rare) are not listed. DAYS_UNSEEN counts calendar
-- days. Edit the -30 for another threshold.
SELECT USER_ID, STATUS, LAST_SEEN_AT, DATEDIFF('DAY', LAST_SEEN_AT, CURRENT_TIMESTAMP()) AS DAYS_UNSEEN
FROM PRESENCE
WHERE LAST_SEEN_AT < DATEADD('DAY', -30, CURRENT_TIMESTAMP())
ORDER BY LAST_SEEN_AT, USER_ID;
