// A room built on the client SDK: this tab's device joins a channel and watches it, and the page shows
// its members and what happens to them, live. Everything the server or the user supplies goes on the page
// with textContent or setAttribute, never as HTML.
import { PresenceClient } from '../dashboard/sdk/index.js';

const EVENT_LIMIT = 100;
const $ = id => document.getElementById(id);

let client = null;
let room = null;

function enter(token, roomId, device) {
  leave();
  room = roomId;
  client = new PresenceClient({ url: location.origin, token: () => token, device });
  client.on('state', ({ state }) => {
    $('socket-state').textContent = state;
  });
  client.on('members', frame => {
    if (frame.channel === room) {
      render();
    }
  });
  client.on('member', frame => {
    if (frame.channel === room) {
      logEvent(frame);
      render();
    }
  });
  client.on('error', error => logProblem(error.message ?? String(error)));
  $('room-name').textContent = room;
  $('leave-room').hidden = false;
  $('status').disabled = false;
  client.connect().then(() => {
    client.join(room);
    client.watch(room);
  }, error => logProblem(`could not connect: ${error.message ?? error}`));
}

function leave() {
  if (client) {
    client.leave(room);
    client.unwatch(room);
    client.close();
  }
  client = null;
  $('members').replaceChildren();
  $('occupancy').textContent = '-';
  $('leave-room').hidden = true;
  $('status').disabled = true;
}

/** The members as the SDK holds them, sorted by user id. */
function render() {
  const state = client?.channels.get(room);
  if (!state) {
    return;
  }
  $('occupancy').textContent = String(state.occupancy);
  const rows = [...state.members.values()]
    .sort((a, b) => a.userId.localeCompare(b.userId))
    .map(member => {
      const row = document.createElement('tr');
      row.setAttribute('data-user', member.userId);
      row.setAttribute('data-status', member.presence?.status ?? '');
      row.append(cell(member.userId), cell(member.presence?.status ?? ''), cell(member.presence?.message ?? ''),
        cell((member.devices ?? []).join(', ')));
      return row;
    });
  $('members').replaceChildren(...rows);
}

function logEvent(frame) {
  const row = document.createElement('tr');
  row.setAttribute('data-user', frame.userId);
  row.setAttribute('data-event', frame.event);
  row.append(cell(new Date().toLocaleTimeString()), cell(frame.userId), cell(frame.event),
    cell(frame.presence?.status ?? ''), cell(String(frame.occupancy)));
  $('events').prepend(row);
  while ($('events').children.length > EVENT_LIMIT) {
    $('events').lastElementChild.remove();
  }
}

function logProblem(message) {
  $('who').textContent = message;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

$('enter').addEventListener('submit', event => {
  event.preventDefault();
  const token = $('token').value.trim();
  if (token) {
    $('token').value = '';
    enter(token, $('room').value.trim(), $('device').value.trim());
  }
});
$('leave-room').addEventListener('click', leave);
$('status').addEventListener('change', () => client?.setStatus($('status').value));
