/**
 * Runs before any other module of the app (main.tsx imports it first): the page's
 * Content-Security-Policy forbids eval, so core's schemas validate without compiling code, from
 * the first schema built on.
 */
import { validateWithoutEval } from '@hongyi/core';

validateWithoutEval();
