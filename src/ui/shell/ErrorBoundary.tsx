import { Component, type ErrorInfo, type ReactNode, useState } from 'react';
import { CURRENT_APP } from '../../io/project/format.ts';
import { backToSample, exportMyData, reloadPage, type WayOutResult } from './wayOut.ts';
import './errorBoundary.css';

interface Props {
  /** What failed, as the user names it: « le module Éclairage public », « l’application ». */
  area: string;
  /**
   * Which boundary this is (`shell`, `module-lights`, `import-dialog`…): written as `data-boundary` on the
   * fallback, so a bug report and the browser tests can tell which one caught an error.
   */
  id: string;
  children: ReactNode;
}

interface State {
  error: unknown;
  componentStack: string;
}

/** The text a user pastes into a bug report: what failed, where, when, with which version. */
export function bugReport(area: string, error: unknown, componentStack: string, now = new Date()): string {
  const err = error instanceof Error ? error : null;
  const lines = [
    `Atlas COTRI ${CURRENT_APP.version} — erreur d’affichage dans ${area}`,
    `Date : ${now.toISOString()}`,
    `Adresse : ${typeof location === 'undefined' ? '' : location.href}`,
    `Navigateur : ${typeof navigator === 'undefined' ? '' : navigator.userAgent}`,
    `Erreur : ${err ? `${err.name}: ${err.message}` : String(error)}`,
    '',
    err?.stack ?? '',
    componentStack.trim() === '' ? '' : `Composants :${componentStack}`,
  ];
  return lines
    .filter((line, i) => line !== '' || i === 5)
    .join('\n')
    .slice(0, 20_000);
}

/**
 * Catches a render error below it and shows a French message with the details for a bug report and three
 * ways out that do not need the failed view (see wayOut.ts). Around the shell and each module view.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, componentStack: '' };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    // A thrown `null` is still an error: keep something truthy to render the fallback.
    return { error: error ?? new Error('erreur sans détail') };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <ErrorFallback
        area={this.props.area}
        id={this.props.id}
        report={bugReport(this.props.area, this.state.error, this.state.componentStack)}
      />
    );
  }
}

function ErrorFallback({ area, id, report }: { area: string; id: string; report: string }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const run = async (action: () => Promise<WayOutResult>, done: string) => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    setMessage(result.message ?? done);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(report);
      setMessage('Détails copiés dans le presse-papiers.');
    } catch {
      setMessage('Copie impossible : sélectionnez le texte des détails et copiez-le.');
    }
  };
  return (
    <section
      className="error-boundary"
      role="alert"
      aria-label="Erreur d’affichage"
      data-boundary={id}
      data-testid={`error-boundary-${id}`}
    >
      <h2>Un problème empêche d’afficher {area}</h2>
      <p>
        Vos données enregistrées dans ce navigateur ne sont pas modifiées. Rechargez la page ; si le problème
        revient, exportez vos données puis revenez aux données d’exemple : vos données actuelles sont alors
        mises de côté (rien n’est supprimé) et restent exportables.
      </p>
      <div className="error-boundary__actions">
        <button type="button" className="error-boundary__primary" onClick={reloadPage} disabled={busy}>
          Recharger
        </button>
        <button
          type="button"
          onClick={() => run(() => exportMyData(), 'Export lancé : vérifiez vos téléchargements.')}
          disabled={busy}
        >
          Exporter mes données
        </button>
        <button
          type="button"
          onClick={() =>
            run(
              () => backToSample(`Mises de côté après une erreur d’affichage dans ${area}.`),
              'Retour aux données d’exemple…',
            )
          }
          disabled={busy}
        >
          Revenir aux données d’exemple
        </button>
      </div>
      {message ? (
        <p className="error-boundary__message" role="status">
          {message}
        </p>
      ) : null}
      <details className="error-boundary__details">
        <summary>Détails pour signaler le problème</summary>
        <textarea
          readOnly
          value={report}
          rows={8}
          aria-label="Détails de l’erreur"
          data-testid="error-details"
        />
        <button type="button" onClick={copy}>
          Copier les détails
        </button>
      </details>
    </section>
  );
}
