import { Component, type ErrorInfo, type ReactNode } from 'react';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Lang } from '../app/session';
import { fill, t } from './strings';

interface Props {
  lang: Lang;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** A bug in a component must leave a message in the pane, not an empty white panel. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The console is the only place a user can copy the stack from for a bug report.
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const s = t(this.props.lang);
    return (
      <MessageBar intent="error" layout="multiline" data-testid="host-error" style={{ margin: 12 }}>
        <MessageBarBody style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
          {s.renderError}
          <br />
          {fill(s.errorDetails, { detail: error.message || error.name })}
        </MessageBarBody>
      </MessageBar>
    );
  }
}
