// Channel watching against scripts/cluster.sh up, by hand (run from clients/js/examples): bob watches
// "standup", alice's laptop joins, goes busy and leaves; every frame bob gets is printed.
import { execFileSync } from 'node:child_process';
import WebSocket from 'ws';
import { PresenceClient } from '../src/index.js';

const token = user => execFileSync('../../../scripts/token.sh', [user], { encoding: 'utf8' }).trim();
const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
const url = 'http://127.0.0.1:8080';

const bob = new PresenceClient({ url, token: async () => token('bob'), WebSocket });
bob.on('members', frame => console.log('< ' + JSON.stringify(frame)));
bob.on('member', frame => console.log('< ' + JSON.stringify(frame)));
await bob.connect();
console.log('> {"type":"watch","channel":"standup"}');
bob.watch('standup');
await pause(1000);

const alice = new PresenceClient({ url, token: async () => token('alice'), device: 'laptop', WebSocket });
await alice.connect();
alice.join('standup');
await pause(1000);
alice.setStatus('busy', 'in a meeting');
await pause(1000);
alice.leave('standup');
await pause(1000);
alice.close();
bob.close();
