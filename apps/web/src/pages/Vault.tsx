// Vault: each vault of the deployment (`contracts.vaults`, IPNVault): its fixed rules, where it stands, deposit
// (ETH split into its current series: it keeps the P, you get the N and the shares) and withdraw (your share of
// everything it holds, in kind), and its roll history from its events. Without vaults: says so.
import { indexLabel } from "@pn/core";
import { pnVaultAbi } from "@pn/sdk";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type Address, getAddress, type Hex } from "viem";
import { useConnection } from "wagmi";
import { isBusy } from "../actions/FormShell.tsx";
import { AmountField } from "../components/AmountField.tsx";
import { TxStatus } from "../components/TxStatus.tsx";
import { useApp } from "../data/app.tsx";
import { useChainClock, useHoldings, useSeriesList } from "../data/chain.ts";
import { useModel } from "../data/model.tsx";
import { useTx } from "../data/tx.ts";
import { useVault, useVaultHistory, type VaultEvent, type VaultView } from "../data/vault.ts";
import { parseAmount } from "../lib/amount.ts";
import { tokenIndex } from "../lib/book.ts";
import {
  formatAmount,
  formatDuration,
  formatIndexValue,
  formatNumber,
  formatPercent,
  formatUtc,
  formatWadInput,
  shortAddress,
  wadToNumber,
} from "../lib/format.ts";
import { type SeriesInfo, seriesLabel, symbolOf } from "../lib/series.ts";

const bps = (value: bigint) => formatPercent(Number(value) / 10_000, 2);
const seconds = (value: bigint) => (value === 0n ? "0" : formatDuration(value));

function Rules({ vault }: { vault: VaultView }) {
  const r = vault.rules;
  const rows: [string, string][] = [
    ["Index", `${indexLabel(r.indexId)} on oracle ${shortAddress(r.oracle)}`],
    [
      "New strike",
      `${bps(r.strikeFractionBps)} of the reference price, ${r.strikeSigFigs} significant digits`,
    ],
    ["Strike step", `never below ${bps(r.minStrikeStepBps)} of the current strike in one roll`],
    [
      "Raise the strike",
      r.maxRefAge === 0n
        ? "never"
        : `on a scheduled roll, from an oracle value at most ${seconds(r.maxRefAge)} old`,
    ],
    [
      "Signal roll",
      `when x < ${bps(r.triggerBps)} of the strike, at most every ${seconds(r.minRollInterval)}`,
    ],
    ["Scheduled roll", `${seconds(r.rollLead)} before maturity`],
    [
      "Maturities",
      `at least ${seconds(r.tenor)} out, on a grid every ${seconds(r.maturityPeriod)} from ${formatUtc(r.maturityOrigin)}`,
    ],
    [
      "Roll auction",
      `${bps(r.rollStartBps)} → ${bps(r.rollFloorBps)} of S_A/S_B over ${seconds(r.auctionDuration)} (${
        r.auctionHalfLife === 0n ? "linear" : `halving every ${seconds(r.auctionHalfLife)}`
      }), then ${seconds(r.auctionPatience)} at the floor`,
    ],
    ["Re-entry sale", `${bps(r.saleStartBps)} → ${bps(r.saleFloorBps)} of (x − S)/S P per N`],
    ["Keeper reward", `${bps(r.rewardBps)} of what is rolled, at most ${formatAmount(r.rewardCap)}`],
  ];
  return (
    <dl className="rules" data-testid="vault-rules">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Standing({ vault, now }: { vault: VaultView; now: bigint }) {
  const { xOf } = useModel();
  const series = useSeriesList().data ?? [];
  const ticker = indexLabel(vault.rules.indexId);
  const { x, source } = xOf(
    ticker,
    series.filter((s) => s.ticker === ticker),
  );
  const trigger = (wadToNumber(vault.strikeWad) * Number(vault.rules.triggerBps)) / 10_000;
  const tokens = tokenIndex(series);
  const tokenName = (token: Address) => {
    const ref = tokens.get(getAddress(token));
    return ref === undefined ? `of ${shortAddress(token)}` : symbolOf(ref.series, ref.side);
  };
  return (
    <dl className="facts" data-testid="vault-state">
      <div>
        <dt>Phase</dt>
        <dd data-testid="vault-phase">{vault.phase}</dd>
      </div>
      <div>
        <dt>Current series</dt>
        <dd>
          S = {formatIndexValue(vault.strikeWad)}, {formatUtc(vault.maturity)}
        </dd>
      </div>
      <div>
        <dt>Holds</dt>
        <dd>
          {formatAmount(vault.currentHeld)} P
          {vault.secondHeld > 0n && ` + ${formatAmount(vault.secondHeld)} ${tokenName(vault.secondToken)}`}
          {vault.secondHeld > 0n && vault.orderId > 0n && " (in its auction)"}
        </dd>
      </div>
      <div>
        <dt>Shares</dt>
        <dd>
          {formatAmount(vault.totalSupply)} {vault.symbol}
        </dd>
      </div>
      <div>
        <dt title="Signal roll below this x; distance from x now">Roll trigger</dt>
        <dd>
          x &lt; {formatNumber(trigger, 2)} ({formatPercent(1 - trigger / x)} away at x {formatNumber(x, 2)}
          {source === "replay" ? ", replay" : ""})
        </dd>
      </div>
      <div>
        <dt>Scheduled roll</dt>
        <dd>{vault.scheduledAt > now ? `in ${formatDuration(vault.scheduledAt - now)}` : "due"}</dd>
      </div>
      {vault.orderId > 0n && (
        <div>
          <dt>Open auction</dt>
          <dd>
            order #{vault.orderId.toString()} until {formatUtc(vault.deadline)}
          </dd>
        </div>
      )}
    </dl>
  );
}

function Deposit({ vault, account, now }: { vault: VaultView; account: Address | undefined; now: bigint }) {
  const { client } = useApp();
  const holdings = useHoldings(account);
  const tx = useTx();
  const [input, setInput] = useState("");
  const parsed = parseAmount(input);
  const eth = holdings.data?.eth ?? 0n;
  const closed =
    vault.phase !== "Holding"
      ? `Deposits are closed while the vault is ${vault.phase.toLowerCase()} (they reopen when it holds its current P alone).`
      : now >= vault.maturity
        ? "The vault's current series has matured: deposits reopen once it re-enters a new one."
        : undefined;
  const problem =
    closed ??
    (input.trim() === ""
      ? undefined
      : !parsed.ok
        ? parsed.message
        : parsed.value > eth
          ? `That is more than your ETH balance (${formatAmount(eth)} ETH).`
          : undefined);
  const amount = parsed.ok ? parsed.value : undefined;
  const preview = usePreviewDeposit(vault.address, amount);
  const canSend = account !== undefined && amount !== undefined && problem === undefined && !isBusy(tx.state);
  const submit = () => {
    if (!canSend || account === undefined) return;
    void tx
      .run(`Deposit ${formatAmount(amount, 18)} ETH`, async (wallet) => {
        const { request } = await client.simulateContract({
          account: wallet.account,
          address: vault.address,
          abi: pnVaultAbi,
          functionName: "deposit",
          args: [account],
          value: amount,
        });
        return wallet.writeContract(request);
      })
      .then((ok) => ok && setInput(""));
  };
  return (
    <form
      className="form-main"
      data-testid="vault-deposit-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>Deposit</h3>
      <AmountField
        label="ETH to deposit"
        unit="ETH"
        value={input}
        onChange={setInput}
        error={problem}
        testId="vault-deposit"
      />
      <p className="preview muted">
        {amount === undefined
          ? "The vault splits your ETH into its current series, keeps the P and sends you the N, with shares for the P."
          : `You get ${formatAmount(amount, 6)} N of the current series and ${
              preview === undefined ? "…" : formatAmount(preview, 6)
            } ${vault.symbol}.`}
      </p>
      <button type="submit" className="primary" disabled={!canSend}>
        Deposit
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

/** previewDeposit(amount), read when an amount is typed. */
function usePreviewDeposit(vault: Address, amount: bigint | undefined): bigint | undefined {
  const { client } = useApp();
  return useQuery({
    queryKey: ["previewDeposit", vault, amount?.toString() ?? ""],
    enabled: amount !== undefined,
    queryFn: () =>
      client.readContract({
        address: vault,
        abi: pnVaultAbi,
        functionName: "previewDeposit",
        args: [amount ?? 0n],
      }),
  }).data;
}

function Withdraw({ vault, account }: { vault: VaultView; account: Address | undefined }) {
  const { client } = useApp();
  const tx = useTx();
  const [input, setInput] = useState("");
  const parsed = parseAmount(input);
  const amount = parsed.ok ? parsed.value : undefined;
  const problem =
    input.trim() === ""
      ? undefined
      : !parsed.ok
        ? parsed.message
        : parsed.value > vault.shares
          ? `You hold ${formatAmount(vault.shares)} ${vault.symbol}.`
          : undefined;
  const canSend = account !== undefined && amount !== undefined && problem === undefined && !isBusy(tx.state);
  const share = amount !== undefined && vault.shares > 0n ? amount : vault.shares;
  const part = (total: bigint) => (vault.shares === 0n ? 0n : (total * share) / vault.shares);
  const submit = () => {
    if (!canSend || account === undefined) return;
    void tx
      .run(`Withdraw ${formatAmount(amount, 18)} ${vault.symbol}`, async (wallet) => {
        const { request } = await client.simulateContract({
          account: wallet.account,
          address: vault.address,
          abi: pnVaultAbi,
          functionName: "withdraw",
          args: [amount, account],
        });
        return wallet.writeContract(request);
      })
      .then((ok) => ok && setInput(""));
  };
  return (
    <form
      className="form-main"
      data-testid="vault-withdraw-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>Withdraw</h3>
      <AmountField
        label={`${vault.symbol} to burn`}
        unit="shares"
        value={input}
        onChange={setInput}
        error={problem}
        onMax={vault.shares > 0n ? () => setInput(formatWadInput(vault.shares)) : undefined}
        testId="vault-withdraw"
      />
      <p className="preview muted">
        You hold {formatAmount(vault.shares)} {vault.symbol}
        {vault.shares > 0n &&
          `: ${amount === undefined ? "all of them are" : "these are"} a claim on about ${formatAmount(
            part(vault.claim.current),
            6,
          )} P of the current series${
            vault.claim.second > 0n
              ? ` and ${formatAmount(part(vault.claim.second), 6)} of the second asset`
              : ""
          }, paid in kind (settled series as ETH).`}
      </p>
      <button type="submit" className="primary" disabled={!canSend}>
        Withdraw
      </button>
      <TxStatus state={tx.state} />
    </form>
  );
}

function seriesName(
  id: unknown,
  all: readonly SeriesInfo[],
  names: ReturnType<typeof useApp>["oracleNames"],
) {
  const s = all.find((x) => x.id === (id as Hex));
  return s === undefined ? shortAddress(String(id)) : seriesLabel(s, all, names);
}

function describeEvent(
  e: VaultEvent,
  all: readonly SeriesInfo[],
  names: ReturnType<typeof useApp>["oracleNames"],
) {
  const f = e.fields;
  const amount = (v: unknown) => (typeof v === "bigint" ? formatAmount(v, 6) : "—");
  const rate = (v: unknown) => (typeof v === "bigint" ? formatNumber(wadToNumber(v), 4) : "—");
  switch (e.kind) {
    case "roll":
      return `Roll (${String(f.reason)}) ${seriesName(f.fromId, all, names)} → ${seriesName(f.toId, all, names)}: ${amount(f.amount)} P offered at ${rate(f.startPriceWad)} → ${rate(f.floorPriceWad)}, order #${String(f.orderId)}, reward ${amount(f.reward)} P`;
    case "closed":
      return `Auction #${String(f.orderId)} closed, ${amount(f.leftover)} left unsold: now ${String(f.phase)}`;
    case "reentered":
      return `Re-entered ${seriesName(f.id, all, names)} at x = ${rate(f.xWad)} with ${amount(f.collateral)} ETH (order #${String(f.orderId)})`;
    case "advanced":
      return `Moved to ${seriesName(f.toId, all, names)} (held no P)`;
    case "reposted":
      return `Auction #${String(f.oldOrderId)} reposted as #${String(f.newOrderId)} with ${amount(f.amount)} left`;
    case "deposit":
      return `Deposit: ${amount(f.pIn)} P for ${amount(f.shares)} shares`;
    case "withdraw":
      return `Withdraw: ${amount(f.shares)} shares for ${amount(f.curOut)} P, ${amount(f.secondOut)} second, ${amount(f.collateralOut)} ETH`;
  }
}

function History({ vault }: { vault: VaultView }) {
  const history = useVaultHistory(vault.address);
  const { oracleNames } = useApp();
  const all = useSeriesList().data ?? [];
  if (history.data === undefined) return <p className="muted">Reading the vault's events…</p>;
  const rolls = history.data.filter((e) => e.kind !== "deposit" && e.kind !== "withdraw");
  const flows = history.data.length - rolls.length;
  return (
    <>
      <h3>Roll history</h3>
      {rolls.length === 0 ? (
        <p className="muted">No roll yet.</p>
      ) : (
        <table className="data-table" data-testid="vault-history">
          <tbody>
            {rolls.map((e) => (
              <tr key={`${e.blockNumber}-${e.logIndex}`}>
                <td className="nowrap">{formatUtc(e.timestamp)}</td>
                <td>{describeEvent(e, all, oracleNames)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">
        {flows} deposit{flows === 1 ? "" : "s"} and withdrawal{flows === 1 ? "" : "s"} so far.
      </p>
    </>
  );
}

function VaultCard({ name, address }: { name: string; address: Address }) {
  const connection = useConnection();
  const { now } = useChainClock();
  const vault = useVault(name, address, connection.address);
  if (vault.error) {
    return (
      <div className="card" role="alert">
        <h2>{name}</h2>
        <p className="error">
          Could not read the vault at {address}: {vault.error.message.split("\n")[0]}
        </p>
      </div>
    );
  }
  if (vault.data === undefined) return <p className="muted">Reading {name}…</p>;
  const v = vault.data;
  return (
    <div className="card vault" data-testid={`vault-${name}`}>
      <h2>
        {v.tokenName} <span className="muted">({v.symbol})</span>{" "}
        <code title={address}>{shortAddress(address)}</code>
      </h2>
      <Standing vault={v} now={now} />
      <div className="vault-forms">
        <Deposit vault={v} account={connection.address} now={now} />
        <Withdraw vault={v} account={connection.address} />
      </div>
      <h3>Rules (fixed at deployment)</h3>
      <Rules vault={v} />
      <History vault={v} />
    </div>
  );
}

export function VaultPage() {
  const { deployment } = useApp();
  const vaults = Object.entries(deployment.contracts.vaults ?? {});
  return (
    <section data-testid="vault-page">
      <div className="page-head">
        <h1>Vault</h1>
        <p className="muted">
          Rules-only index vaults: deep in-the-money P, rolled by fixed rules; shares are claims in kind.
        </p>
      </div>
      {vaults.length === 0 ? (
        <p className="card muted" data-testid="no-vault">
          No vault on this deployment.
        </p>
      ) : (
        vaults.map(([name, address]) => <VaultCard key={name} name={name} address={address} />)
      )}
    </section>
  );
}
