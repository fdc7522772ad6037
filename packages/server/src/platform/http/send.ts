import type { FastifyReply } from "fastify";
import { stringifyJson } from "../schema/floats.js";

/** Sends a JSON body, with floats spelled as Python spells them. */
export function sendJson(reply: FastifyReply, status: number, body: unknown, headers?: Record<string, string>): FastifyReply {
  if (headers !== undefined) reply.headers(headers);
  return reply.code(status).header("content-type", "application/json").send(stringifyJson(body));
}

/** Sends a body already serialised by stringifyJson. */
export function sendJsonText(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).header("content-type", "application/json").send(text);
}
