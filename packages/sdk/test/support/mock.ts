// An injected fetcher that records requests and answers from a script.
import { HTTPClient } from "../../src/lib/http.js";

export type Answer = Response | Error | ((req: Request) => Response | Promise<Response>);

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function mockClient(...answers: Answer[]) {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const httpClient = new HTTPClient({
    fetcher: async (input) => {
      const req = input as Request;
      requests.push(req);
      bodies.push(await req.clone().text());
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (answer instanceof Error) throw answer;
      return typeof answer === "function" ? answer(req) : answer.clone();
    },
  });
  return { httpClient, requests, bodies };
}

export const CUSTOMER_WIRE = {
  id: "992fae2a-2a17-4b7a-8d9e-e287cf90131b",
  created_at: "2026-08-22T10:00:00.123456Z",
  modified_at: null,
  metadata: { plan: "pro", seats: 3, beta: true },
  external_id: "usr_1337",
  email: "jane@example.com",
  email_verified: false,
  type: "individual",
  name: "Jane",
  billing_name: "Jane",
  billing_address: { line1: null, line2: null, postal_code: null, city: null, state: null, country: "FR" },
  tax_id: ["FR61954506077", "eu_vat"],
  locale: "fr-CA",
  organization_id: "1dbfc517-0bbf-4301-9ba8-555ca42b9737",
  default_payment_method_id: null,
  deleted_at: null,
  first_user_event_at: null,
  avatar_url: "https://www.gravatar.com/avatar/x?d=404",
};
