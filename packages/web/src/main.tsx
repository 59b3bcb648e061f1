import { validateWithoutEval } from '@hongyi/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

// The Content-Security-Policy forbids eval: core's schemas validate without compiling code.
validateWithoutEval();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
