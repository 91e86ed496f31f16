// A sign-in burst from a process of its own, as an attacker's would be (its CPU is not the
// server's): CLIENTS loops of bad sign-ins against BASE, each honouring Retry-After. Prints
// "answered" once the first sign-in is answered; when stdin closes, stops and prints the count
// of answers by status as one JSON line.
const base = process.env.BASE;
const clients = Number(process.env.CLIENTS ?? 50);
/** @type {Record<string, number>} */
const statuses = {};
let retryAfterSeen = false;
let announced = false;
let stop = false;

/** @param {number} client */
async function signInLoop(client) {
  for (let attempt = 0; !stop; attempt++) {
    const response = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `nobody-${client}-${attempt}@example.com`, password: "wrong password" }),
    }).catch(() => null);
    if (!response) return;
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (!announced) {
      announced = true;
      process.stdout.write("answered\n");
    }
    // The burst stays CLIENTS sign-ins in flight, not a flood of requests (which no sign-in
    // rule could absorb): a 429 is followed by the wait it asks for.
    const retryAfter = Number(response.headers.get("retry-after"));
    if (response.status === 429 && retryAfter > 0) {
      retryAfterSeen = true;
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    }
  }
}

const loops = Array.from({ length: clients }, (_, client) => signInLoop(client));
process.stdin.resume();
process.stdin.on("end", async () => {
  stop = true;
  await Promise.all(loops);
  process.stdout.write(`${JSON.stringify({ statuses, retryAfterSeen })}\n`);
  process.exit(0);
});
