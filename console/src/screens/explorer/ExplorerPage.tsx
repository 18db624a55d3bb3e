import { useEffect, useMemo, useState } from 'react';
import { Alert, Typography } from 'antd';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { parse, type DocumentNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { useTranslation } from 'react-i18next';
import 'graphiql/style.css';
// Monaco's workers as the build's own files (Vite's ?worker), not fetched from a CDN
import 'graphiql/setup-workers/vite';
import { webSocketUrl } from '../../api/client';
import { useSession } from '../../auth/AuthContext';
import { consoleSettings } from '../../auth/oidc/config';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

const FIRST_QUERY = `# GraphQL 调试: queries run as the signed-in caller (Authorization: Bearer, the session's token)
{
  me {
    name
    roles { namespace role }
  }
}
`;

/**
 * GraphiQL from npm, served by the gateway with the console (own lazy chunks: nothing fetched from elsewhere).
 * Queries and mutations go to /graphql over HTTP with the session's token; subscriptions over graphql-ws with the
 * token in connection_init, as the console's own client does. The token never enters GraphiQL's headers editor,
 * so it is not kept in its local storage.
 */
export default function ExplorerPage() {
  const { t } = useTranslation();
  const { token } = useSession();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  useEffect(() => {
    let current = true;
    void consoleSettings().then((settings) => current && setEnabled(settings.explorer));
    return () => {
      current = false;
    };
  }, []);
  const connection = useMemo(() => {
    const authorization = `Bearer ${token ?? ''}`;
    const wsClient = createClient({ url: webSocketUrl(), connectionParams: () => ({ Authorization: authorization }), lazy: true });
    const toGateway = createGraphiQLFetcher({ url: '/graphql', headers: { Authorization: authorization }, wsClient });
    // GraphiQL passes the editor's last parsed document, which lags a quick run after typing: a subscription would
    // then go over HTTP. The text being run decides instead.
    const fetcher: Fetcher = (params, options) => {
      let documentAST: DocumentNode | undefined = options?.documentAST;
      try {
        documentAST = parse(params.query);
      } catch {
        // not a valid document: the gateway answers why
      }
      return toGateway(params, { ...options, documentAST });
    };
    return { wsClient, fetcher };
  }, [token]);
  useEffect(() => () => void connection.wsClient.dispose(), [connection]);
  return (
    <section className="explorer" aria-labelledby="explorer-title">
      <Typography.Title level={1} id="explorer-title" className="explorer-title">
        {t('explorer.title')}
      </Typography.Title>
      {enabled === false ? (
        <Alert type="info" showIcon message={t('explorer.disabled')} />
      ) : (
        enabled && (
          <div className="explorer-frame">
            <GraphiQL
              fetcher={connection.fetcher}
              defaultQuery={FIRST_QUERY}
              shouldPersistHeaders={false}
              forcedTheme="light"
            />
          </div>
        )
      )}
    </section>
  );
}
