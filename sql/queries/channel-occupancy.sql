-- Which channels hold the most users right now, and on how many devices?
-- CHANNEL_MEMBER has a row per device in a channel: a user in a channel on two devices is one user
-- and two devices. CHANNEL_ID is the table's affinity column, so each channel is counted on the one
-- node that holds it.
SELECT CHANNEL_ID, COUNT(DISTINCT USER_ID) AS USERS, COUNT(DEVICE) AS DEVICES
FROM CHANNEL_MEMBER
GROUP BY CHANNEL_ID
ORDER BY USERS DESC, CHANNEL_ID
LIMIT 20;
