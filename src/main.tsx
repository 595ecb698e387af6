import { lessonsLoading } from './boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startOffline } from './offline/register';
import './styles.css';

const render = () => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// the lessons of the language shown (boot.ts started loading them) arrive first (a chunk per language), so the first render has them;
// if that chunk cannot load, the app still renders (and says the lesson is not found)
lessonsLoading.then(render, render);
// the service worker (the build only): the app and MNIST keep working with no network
startOffline();
