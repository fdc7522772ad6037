// The ten customers endpoints. Handlers only validate input, call the
// service and serialise; the rules live in domain/customers.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Issue } from "../../schema/issues.js";
import { INVALID, type Schema } from "../../schema/core.js";
import { customerCreate, customerUpdate, customerUpdateExternalId } from "../../domain/customers/requests.js";
import { customerJson, customerStateJson } from "../../domain/customers/responses.js";
import type { CustomerService } from "../../domain/customers/service.js";
import type { CustomerRecord } from "../../storage/types.js";
import { bodyInput } from "../body.js";
import { sendJson } from "../errors.js";
import { parseAnonymize, parseListQuery, parsePathId, rejectIfAny, type RawQuery } from "../query.js";
import { CUSTOMER_OPERATIONS } from "../operations.js";

type IdRequest = FastifyRequest<{ Params: { id: string }; Querystring: RawQuery }>;
type ExternalRequest = FastifyRequest<{ Params: { externalId: string }; Querystring: RawQuery }>;

/** Validates the body against `schema`, collecting issues; a missing body is FastAPI's `missing` at ["body"]. */
function readBody<T>(schema: Schema<T>, request: FastifyRequest, issues: Issue[]): T {
  if (request.body === undefined || request.body === null) {
    issues.push({ type: "missing", loc: ["body"], msg: "Field required", input: null });
    return INVALID as T;
  }
  return schema.parse(bodyInput(request.body), ["body"], issues) as T;
}

const sendCustomer = (reply: FastifyReply, customer: CustomerRecord, status = 200) => sendJson(reply, status, customerJson(customer));

export function registerCustomerRoutes(app: FastifyInstance, service: CustomerService): void {
  const route = (name: keyof typeof CUSTOMER_OPERATIONS) => {
    const op = CUSTOMER_OPERATIONS[name];
    return { method: op.method, url: op.path, config: { scope: op.scope } };
  };

  app.route({
    ...route("list"),
    handler: async (request: FastifyRequest<{ Querystring: RawQuery }>, reply) => {
      const params = parseListQuery(request.query);
      const page = await service.list(request.access, params);
      return sendJson(reply, 200, {
        items: page.items.map(customerJson),
        pagination: { total_count: page.totalCount, max_page: Math.ceil(page.totalCount / params.limit) },
      });
    },
  });

  app.route({
    ...route("create"),
    handler: async (request, reply) => {
      const issues: Issue[] = [];
      const body = readBody(customerCreate, request, issues);
      rejectIfAny(issues);
      return sendCustomer(reply, await service.create(request.access, body), 201);
    },
  });

  const byId = async (request: IdRequest) => {
    const issues: Issue[] = [];
    const id = parsePathId(request.params.id, issues);
    rejectIfAny(issues);
    return service.get(request.access, id);
  };
  const byExternalId = (request: ExternalRequest) => service.getByExternalId(request.access, request.params.externalId);

  app.route({ ...route("get"), handler: async (request: IdRequest, reply) => sendCustomer(reply, await byId(request)) });
  app.route({
    ...route("getState"),
    handler: async (request: IdRequest, reply) => sendJson(reply, 200, customerStateJson(await byId(request))),
  });
  app.route({ ...route("getExternal"), handler: async (request: ExternalRequest, reply) => sendCustomer(reply, await byExternalId(request)) });
  app.route({
    ...route("getStateExternal"),
    handler: async (request: ExternalRequest, reply) => sendJson(reply, 200, customerStateJson(await byExternalId(request))),
  });

  app.route({
    ...route("update"),
    handler: async (request: IdRequest, reply) => {
      const issues: Issue[] = [];
      const id = parsePathId(request.params.id, issues);
      const body = readBody(customerUpdate, request, issues);
      rejectIfAny(issues);
      const customer = await service.get(request.access, id);
      return sendCustomer(reply, await service.update(request.access, customer, body));
    },
  });
  app.route({
    ...route("updateExternal"),
    handler: async (request: ExternalRequest, reply) => {
      const issues: Issue[] = [];
      const body = readBody(customerUpdateExternalId, request, issues);
      rejectIfAny(issues);
      const customer = await byExternalId(request);
      return sendCustomer(reply, await service.update(request.access, customer, body));
    },
  });

  app.route({
    ...route("delete"),
    handler: async (request: IdRequest, reply) => {
      // FastAPI reports path errors before query errors.
      const issues: Issue[] = [];
      const id = parsePathId(request.params.id, issues);
      const anonymize = parseAnonymize(request.query, issues);
      rejectIfAny(issues);
      const customer = await service.get(request.access, id);
      await service.delete(request.access, customer, anonymize);
      return reply.code(204).send();
    },
  });
  app.route({
    ...route("deleteExternal"),
    handler: async (request: ExternalRequest, reply) => {
      const issues: Issue[] = [];
      const anonymize = parseAnonymize(request.query, issues);
      rejectIfAny(issues);
      const customer = await byExternalId(request);
      await service.delete(request.access, customer, anonymize);
      return reply.code(204).send();
    },
  });
}
