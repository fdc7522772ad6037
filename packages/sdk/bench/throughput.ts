// Sequential `customers.get` calls per second against a local server, for each client.
import { Polar as Polar049 } from "polar-sdk-049";
import { createPolar } from "polar-sdk-101/2026-04";
import { Polar } from "@polar-customers/sdk";
import { median } from "./coldstart.js";

export type Client = { name: string; get: (id: string) => Promise<unknown> };

export function clients(url: string, token: string): Client[] {
  const ours = new Polar({ accessToken: token, serverURL: url });
  const official049 = new Polar049({ accessToken: token, serverURL: url });
  const official101 = createPolar({ accessToken: token, baseUrl: url } as any);
  return [
    {
      name: "plain fetch + res.json()",
      get: async (id) => {
        const res = await fetch(`${url}/v1/customers/${id}`, {
          headers: { Accept: "application/json", Authorization: `Bearer ${token}` },
        });
        if (res.status !== 200) throw new Error(`status ${res.status}`);
        return res.json();
      },
    },
    { name: "ours", get: (id) => ours.customers.get({ id }) },
    { name: "0.49.0", get: (id) => official049.customers.get({ id }) },
    { name: "1.0.1", get: (id) => (official101 as any).customers.get(id) },
  ];
}

async function callsPerSecond(client: Client, id: string, ms: number): Promise<number> {
  let calls = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    await client.get(id);
    calls++;
  }
  return (calls * 1000) / (performance.now() - start);
}

/** Warms every client up, then measures them in interleaved rounds and keeps the median rate. */
export async function throughput(list: Client[], id: string, rounds: number, ms: number): Promise<Map<string, number>> {
  for (const c of list) await callsPerSecond(c, id, 300);
  const rates = new Map(list.map((c) => [c.name, [] as number[]]));
  for (let r = 0; r < rounds; r++) for (const c of list) rates.get(c.name)!.push(await callsPerSecond(c, id, ms));
  return new Map([...rates].map(([name, list]) => [name, median(list)]));
}
