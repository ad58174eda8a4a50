-- How many users are online right now, by status?
-- "Online" is every status but offline: online, away, busy and invisible. SQL shows the TRUE status,
-- so invisible users are counted as invisible here (the app shows them to others as offline).
SELECT STATUS, COUNT(*) AS USERS
FROM PRESENCE
WHERE STATUS <> 'offline'
GROUP BY STATUS
ORDER BY USERS DESC, STATUS;
