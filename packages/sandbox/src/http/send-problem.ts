import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '../problems/problem';

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  const body = problem.toBody(request.url, String(request.id));
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="unsilo"');
  return (
    reply
      .code(problem.status)
      // Also here: a refusal before the hooks ran (the router's, an early hook's) still names its request.
      .header('x-request-id', String(request.id))
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(JSON.stringify(body))
  );
}
