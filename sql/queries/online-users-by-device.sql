-- How many users are online on each kind of device right now?
-- One DEVICE_SESSION row is one live session of one user on one device (the key is USER_ID + DEVICE),
-- so COUNT(*) counts users. A user on a phone and a laptop counts once under each. DEVICE is the id
-- the client sent ("default" when it sent none). An 'offline' row is a device socket keeping its
-- device offline, not a live session.
SELECT DEVICE, COUNT(*) AS USERS
FROM DEVICE_SESSION
WHERE STATUS <> 'offline'
GROUP BY DEVICE
ORDER BY USERS DESC, DEVICE;
