// Connect an injected wallet, or (devnet only) pick one of the built-in dev accounts.
import {
  type Connector,
  useConnect,
  useConnection,
  useConnectors,
  useDisconnect,
  useSwitchChain,
} from "wagmi";
import { useApp } from "../data/app.tsx";
import { shortAddress } from "../lib/format.ts";
import { DEV_ACCOUNT_COUNT } from "../wallet/devAccounts.ts";
import { DEV_CONNECTOR_ID } from "../wallet/devConnector.ts";

function connectMessage(error: Error): string {
  if (error.name === "ProviderNotFoundError")
    return "No browser wallet found: install one, or use a devnet account.";
  return error.message.split("\n")[0] ?? error.message;
}

/** The injected wallets to offer: the ones announced by EIP-6963, else the generic `window.ethereum` one. */
function injectedConnectors(connectors: readonly Connector[]): Connector[] {
  const injected = connectors.filter((c) => c.type === "injected");
  const announced = injected.filter((c) => c.id !== "injected");
  return announced.length > 0 ? announced : injected;
}

export function WalletPanel() {
  const { chain } = useApp();
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const switchChain = useSwitchChain();
  const dev = connectors.find((c) => c.id === DEV_CONNECTOR_ID);
  const connected = connection.status === "connected";
  const usingDev = connected && connection.connector.id === DEV_CONNECTOR_ID;

  return (
    <div className="wallet">
      {dev !== undefined && (
        <DevAccountSelect
          active={usingDev}
          onPick={() => {
            if (!usingDev) connect.mutate({ connector: dev });
          }}
        />
      )}
      {connected && (
        <span className="address" data-testid="wallet-address" title={connection.address}>
          {shortAddress(connection.address)}
        </span>
      )}
      {connected && connection.chainId !== chain.id && (
        <button type="button" onClick={() => switchChain.mutate({ chainId: chain.id })}>
          Switch to {chain.name}
        </button>
      )}
      {connected ? (
        <button type="button" className="quiet" onClick={() => disconnect.mutate({})}>
          Disconnect
        </button>
      ) : (
        injectedConnectors(connectors).map((c) => (
          <button
            key={c.uid}
            type="button"
            className="primary"
            onClick={() => connect.mutate({ connector: c })}
          >
            {c.id === "injected" ? "Connect wallet" : `Connect ${c.name}`}
          </button>
        ))
      )}
      {connect.error && (
        <span className="error" role="alert">
          {connectMessage(connect.error)}
        </span>
      )}
    </div>
  );
}

/**
 * The devnet account picker, clearly marked: these keys are public test keys. Keys are derived only when an
 * account is picked (deriving all ten takes a few hundred ms of main thread).
 */
function DevAccountSelect({ active, onPick }: { active: boolean; onPick: () => void }) {
  const { devAccounts } = useApp();
  if (devAccounts === undefined) return null;
  const value = active ? String(devAccounts.index()) : "";
  return (
    <label className="dev-account" title="Anvil's public test keys: devnet only, never on a real network">
      <span className="badge warn">Devnet only</span>
      <select
        aria-label="Devnet account"
        value={value}
        onChange={(event) => {
          const index = Number(event.target.value);
          if (!Number.isInteger(index)) return;
          devAccounts.select(index);
          onPick();
        }}
      >
        {!active && <option value="">Use a devnet account…</option>}
        {Array.from({ length: DEV_ACCOUNT_COUNT }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the account index is the identity
          <option key={i} value={String(i)}>
            Account #{i}
          </option>
        ))}
      </select>
    </label>
  );
}
