import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo';
import { App } from './App';
import './styles.css';

const client = createApolloClient();
// A test hook: the e2e test reads the normalised cache (`cache.extract()`).
(window as unknown as { __APOLLO_CLIENT__: unknown }).__APOLLO_CLIENT__ = client;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <App />
    </ApolloProvider>
  </StrictMode>,
);
