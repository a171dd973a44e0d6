// Keeps one broken page from blanking the whole app: shows what failed and a way back.
import { Component, type ErrorInfo, type ReactNode } from "react";

type State = { error: Error | undefined };

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return (
      <div className="card" role="alert">
        <h2>This page failed to render</h2>
        <p className="error">{this.state.error.message}</p>
        <p>
          <a href="#/markets">Back to the markets</a>
        </p>
      </div>
    );
  }
}
