import '@mantine/core/styles.css';
import './i18n/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadExerciseMap } from './pages/exercises/venues/LazyExerciseMap';

// An address that opens on a map (an exercise's Venues or Control tab): the map's code loads beside
// the session check and the plan, not after them (bench/console.bench.ts, first visit and reload).
if (/\/exercises\/[^/]+\/(venues|control)\/?$/.test(window.location.pathname)) preloadExerciseMap();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
