// Compiled by `npm run check:types`, never run: the declarations in src/index.d.ts must accept the
// README's usage and refuse what the SDK refuses.
import { PresenceClient, PresenceRest, ProblemError, backoffDelay, type PresenceEvent, type Status } from '../../src/index.js';

const client = new PresenceClient({ url: 'http://127.0.0.1:8080', token: async () => 'jwt', device: 'laptop' });
const remove: () => void = client.on('presence', (event: PresenceEvent) => {
  const status: Status = event.status;
  const version: number = event.version;
  console.log(status, version, event.reason);
});
remove();
client.on('state', ({ state, attempt, delayMs }) => console.log(state, attempt, delayMs));
client.on('member', ({ channel, event, occupancy }) => console.log(channel, event, occupancy));
const ready: Promise<void> = client.connect();
client.subscribe(['bob']);
client.setStatus('busy', 'in a meeting', { inCall: true });
client.join('room');
client.watch('room');
console.log(client.presence.get('bob')?.version, client.channels.get('room')?.members.size, ready);
// @ts-expect-error: not a status
client.setStatus('asleep');
// @ts-expect-error: not an event of the client
client.on('presense', () => {});

const rest = new PresenceRest({ url: 'http://127.0.0.1:8080', tokens: client.tokens });
async function restUsage(): Promise<number> {
  const view = await rest.update({ userId: 'alice', status: 'away', device: 'phone' });
  const views = await rest.getMany(['a', 'b']);
  const privacy = await rest.putPrivacy('alice', { presence: 'allowed', lastSeen: 'nobody', allowed: ['bob'], blocked: [] });
  try {
    await rest.get('nobody');
  } catch (error) {
    if (error instanceof ProblemError) {
      const field: string | null = error.field;
      return error.status + (field?.length ?? 0);
    }
  }
  return view.version + views.length + privacy.allowed.length + backoffDelay(3, { baseMs: 500, capMs: 30_000 });
}
void restUsage;
