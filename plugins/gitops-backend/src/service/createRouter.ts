import { GitopsHealthResponse } from '@shipshape/plugin-gitops-common';
import express from 'express';
import Router from 'express-promise-router';

/**
 * The GitOps REST API.
 *
 * @internal
 */
export async function createRouter(): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    const body: GitopsHealthResponse = { status: 'ok' };
    res.json(body);
  });

  return router;
}
