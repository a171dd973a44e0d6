// Roll: move a P (or N) position from this series (A) to another (B), two ways.
// - By auction: post a roll order on the market, a Dutch auction of A's tokens for B's, from a start rate down to
//   a floor (defaults: 2% either side of the model's rate) over a duration; a market maker fills it. Expires at
//   A's maturity. The unfilled part can be cancelled at any time.
// - Atomic: one transaction through the RollRouter against the resting book (planRoll: the best asks of A's other
//   side and bids of B's), with a slippage limit on the collateral it costs.
// Each with a preview, a payoff diagram before/after, validation, and the transaction's state.
import { orderPriceAt, type Side } from "@pn/core";
import { cancel, planRoll, pnMarketAbi, postAsk, type RollPlan, rollAtomic } from "@pn/sdk";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { type Address, getAddress, parseEventLogs, type TransactionReceipt } from "viem";
import { AmountField } from "../components/AmountField.tsx";
import { RollPayoffChart } from "../components/RollPayoffChart.tsx";
import { TxStatus } from "../components/TxStatus.tsx";
import { useApp } from "../data/app.tsx";
import { useSeriesList } from "../data/chain.ts";
import { type OwnOrder, useOwnOrders } from "../data/market.ts";
import { useModel } from "../data/model.tsx";
import { useReplay } from "../data/replay.ts";
import { describeFailure, ensureAllowance, useTx } from "../data/tx.ts";
import { parseAmount } from "../lib/amount.ts";
import { tokenIndex } from "../lib/book.ts";
import {
  formatAmount,
  formatDuration,
  formatNumber,
  formatUtc,
  formatWadInput,
  wadToNumber,
} from "../lib/format.ts";
import { deadlineSeconds } from "../lib/replay.ts";
import {
  checkAuctionTerms,
  checkRoll,
  DEFAULT_DURATION_HOURS,
  DEFAULT_SLIPPAGE_PERCENT,
  defaultAuctionPrices,
  defaultTarget,
  fairRollRate,
  parseHours,
  parsePrice,
  parseSlippage,
  receivedAt,
  rollTargets,
} from "../lib/roll.ts";
import { type SeriesInfo, seriesLabel, symbolOf } from "../lib/series.ts";
import { FormShell, isBusy, SubmitRow } from "./FormShell.tsx";
import type { ActionFormProps } from "./types.ts";

type Mode = "auction" | "atomic";

/** The market stores expiries in 32 bits. */
const MAX_EXPIRY = 2n ** 32n;

/** The order id an AskPosted event of `market` in the receipt carries. */
function postedOrderId(receipt: TransactionReceipt, market: Address): bigint | undefined {
  const logs = parseEventLogs({ abi: pnMarketAbi, logs: receipt.logs, eventName: "AskPosted" });
  return logs.find((l) => getAddress(l.address) === getAddress(market))?.args.orderId;
}

function TextField({
  label,
  value,
  onChange,
  placeholder,
  unit,
  testId,
  hint,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder: string;
  unit: string;
  testId: string;
  hint?: string | undefined;
}) {
  const id = useId();
  return (
    <div className="field compact">
      <label htmlFor={id}>{label}</label>
      <div className="amount-input">
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={value}
          data-testid={`${testId}-input`}
          onChange={(event) => onChange(event.target.value)}
        />
        <span className="unit">{unit}</span>
      </div>
      {hint && <p className="muted small">{hint}</p>}
    </div>
  );
}

export function RollForm(props: ActionFormProps) {
  const { series: from, holdings, now } = props;
  const { deployment, oracleNames } = useApp();
  const all = useSeriesList().data ?? [];
  const position = holdings?.positions.get(from.id) ?? { p: 0n, n: 0n };
  const [mode, setMode] = useState<Mode>("auction");
  const [side, setSide] = useState<Side>(position.p === 0n && position.n > 0n ? "N" : "P");
  const targets = rollTargets(from, all, now);
  const [toId, setToId] = useState<string>("");
  const to = targets.find((s) => s.id === toId) ?? defaultTarget(from, targets);
  const [amountInput, setAmountInput] = useState("");
  const held = side === "P" ? position.p : position.n;
  const parsed = parseAmount(amountInput);
  const amount = parsed.ok ? parsed.value : undefined;
  const routeProblem = checkRoll({ from, to, side, amount: amount ?? 0n, held, now });
  const amountProblem = amountInput.trim() === "" ? undefined : parsed.ok ? undefined : parsed.message;
  const hasRouter = deployment.contracts.router !== undefined;
  const leg: LegProps = {
    ...props,
    from,
    to,
    side,
    amount,
    amountInput,
    setAmountInput,
    held,
    problem: amountProblem ?? (amountInput.trim() === "" ? undefined : routeProblem),
    blocking: routeProblem,
  };

  return (
    <div className="roll" data-testid="roll-form">
      <fieldset className="segmented mode" aria-label="Roll route">
        <button
          type="button"
          aria-pressed={mode === "auction"}
          data-testid="roll-mode-auction"
          onClick={() => setMode("auction")}
        >
          By auction
        </button>
        <button
          type="button"
          aria-pressed={mode === "atomic"}
          data-testid="roll-mode-atomic"
          disabled={!hasRouter}
          title={hasRouter ? undefined : "This deployment has no RollRouter"}
          onClick={() => setMode("atomic")}
        >
          Atomic (router)
        </button>
      </fieldset>
      <div className="roll-legs">
        <label className="control wide">
          <span>Roll into (series B)</span>
          <select
            aria-label="Roll into"
            data-testid="roll-to"
            value={to?.id ?? ""}
            onChange={(e) => setToId(e.target.value)}
          >
            {targets.length === 0 && <option value="">No live series to roll into</option>}
            {targets.map((s) => (
              <option key={s.id} value={s.id}>
                {seriesLabel(s, all, oracleNames)}
              </option>
            ))}
          </select>
        </label>
        <label className="control">
          <span>Side</span>
          <select
            aria-label="Side"
            data-testid="roll-side"
            value={side}
            onChange={(e) => setSide(e.target.value === "N" ? "N" : "P")}
          >
            <option value="P">P ({formatAmount(position.p)} held)</option>
            <option value="N">N ({formatAmount(position.n)} held)</option>
          </select>
        </label>
      </div>
      {mode === "auction" ? <RollAuction {...leg} /> : <RollAtomic {...leg} />}
      <OwnRollOrders series={from} all={all} account={props.account} now={now} />
    </div>
  );
}

type LegProps = ActionFormProps & {
  from: SeriesInfo;
  to: SeriesInfo | undefined;
  side: Side;
  amount: bigint | undefined;
  amountInput: string;
  setAmountInput(value: string): void;
  held: bigint;
  /** The message under the amount field. */
  problem: string | undefined;
  /** Anything that stops the roll (also without an amount typed). */
  blocking: string | undefined;
};

function tokenOf(series: SeriesInfo, side: Side): Address {
  return side === "P" ? series.pToken : series.nToken;
}

function AmountInput({ side, from, held, amountInput, setAmountInput, problem }: LegProps) {
  return (
    <AmountField
      label={`${side} of ${symbolOf(from, side)} to roll`}
      unit={side}
      value={amountInput}
      onChange={setAmountInput}
      error={problem}
      onMax={held > 0n ? () => setAmountInput(formatWadInput(held)) : undefined}
    />
  );
}

function RollAuction(props: LegProps) {
  const { from, to, side, amount, account, now, x, problem, blocking } = props;
  const { deployment, client } = useApp();
  const { sigma } = useModel();
  const tx = useTx();
  const [startInput, setStartInput] = useState("");
  const [floorInput, setFloorInput] = useState("");
  const [hoursInput, setHoursInput] = useState(String(DEFAULT_DURATION_HOURS));
  const [posted, setPosted] = useState<bigint | undefined>(undefined);
  const market = deployment.contracts.market;
  const rate = to === undefined ? undefined : fairRollRate(from, to, side, { x, sigma, now });
  const defaults =
    rate !== undefined && Number.isFinite(rate) && rate > 0 ? defaultAuctionPrices(rate) : undefined;
  const start = parsePrice(startInput, defaults?.start ?? "", "Start price");
  const floor = parsePrice(floorInput, defaults?.floor ?? "", "Floor price");
  const duration = parseHours(hoursInput);
  const termsProblem = !start.ok
    ? start.message
    : !floor.ok
      ? floor.message
      : duration === undefined
        ? "Enter the auction's duration in hours (more than 0, at most a year)."
        : checkAuctionTerms({ startWad: start.value, floorWad: floor.value, duration }, amount ?? 1n);
  const expiry = from.key.maturity;
  // What the amount field does not already say: a blocking problem before any amount is typed, else the terms.
  const problems =
    props.amountInput.trim() === "" ? blocking : amount === undefined ? undefined : termsProblem;
  const canSend =
    account !== undefined &&
    market !== undefined &&
    to !== undefined &&
    amount !== undefined &&
    blocking === undefined &&
    termsProblem === undefined &&
    expiry < MAX_EXPIRY &&
    !isBusy(tx.state);

  const submit = () => {
    if (!canSend || !start.ok || !floor.ok || duration === undefined) return;
    const token = tokenOf(from, side);
    const want = tokenOf(to, side);
    const label = `Post roll auction: ${formatAmount(amount, 18)} ${symbolOf(from, side)} → ${symbolOf(to, side)}`;
    setPosted(undefined);
    void tx
      .run(label, async (wallet, step) => {
        await ensureAllowance(
          wallet,
          client,
          { token, spender: market, amount, label: `Approve ${symbolOf(from, side)} for the market` },
          step,
        );
        step(label);
        return postAsk(wallet, {
          market,
          token,
          want,
          amount,
          curve: { kind: "linear", startPriceWad: start.value, floorPriceWad: floor.value, duration },
          expiry,
        });
      })
      .then((receipt) => {
        if (receipt === undefined) return;
        setPosted(postedOrderId(receipt, market));
        props.setAmountInput("");
      });
  };

  const after =
    to === undefined
      ? undefined
      : {
          strikeWad: to.key.strikeWad,
          amount: amount !== undefined && floor.ok ? receivedAt(amount, floor.value) : 0n,
          label: amount === undefined ? symbolOf(to, side) : `${symbolOf(to, side)} at the floor`,
        };
  const chart = (
    <RollPayoffChart
      side={side}
      before={{ strikeWad: from.key.strikeWad, amount: amount ?? 0n, label: symbolOf(from, side) }}
      after={after}
      x={x}
      ticker={from.ticker}
    />
  );
  const sideSymbolB = to === undefined ? "" : symbolOf(to, side);
  return (
    <FormShell onSubmit={submit} chart={chart}>
      <AmountInput {...props} problem={problem} />
      <div className="field-row">
        <TextField
          label={`Start (${side}_B per ${side}_A)`}
          value={startInput}
          onChange={setStartInput}
          placeholder={defaults?.start ?? ""}
          unit="rate"
          testId="roll-start"
        />
        <TextField
          label="Floor"
          value={floorInput}
          onChange={setFloorInput}
          placeholder={defaults?.floor ?? ""}
          unit="rate"
          testId="roll-floor"
        />
        <TextField
          label="Duration"
          value={hoursInput}
          onChange={setHoursInput}
          placeholder={String(DEFAULT_DURATION_HOURS)}
          unit="hours"
          testId="roll-hours"
        />
      </div>
      {problems !== undefined && (
        <p className="field-error" role="alert" data-testid="roll-error">
          {problems}
        </p>
      )}
      <div className="preview" data-testid="preview">
        {rate !== undefined && to !== undefined && (
          <p className="muted">
            Model (σ {formatNumber(sigma * 100, 0)}%, x {formatNumber(x, 2)}): 1 {symbolOf(from, side)} ≈{" "}
            {formatNumber(rate, 4)} {sideSymbolB}. Empty start and floor use {defaults?.start} and{" "}
            {defaults?.floor} (2% either side).
          </p>
        )}
        {amount !== undefined && start.ok && floor.ok && duration !== undefined && to !== undefined ? (
          <>
            <p>
              You escrow{" "}
              <strong>
                {formatAmount(amount, 18)} {symbolOf(from, side)}
              </strong>{" "}
              in the market. A maker who fills it gives you{" "}
              <strong>
                {formatAmount(receivedAt(amount, start.value), 6)} {sideSymbolB}
              </strong>{" "}
              at the start, falling linearly to{" "}
              <strong data-testid="roll-floor-amount">
                {formatAmount(receivedAt(amount, floor.value), 6)} {sideSymbolB}
              </strong>{" "}
              after {formatDuration(duration)}, then at the floor until it expires at A's maturity (
              {formatUtc(expiry)}).
            </p>
            {now + duration > expiry && (
              <p className="muted">A matures before the curve reaches its floor: the auction ends there.</p>
            )}
            <p className="muted">Cancel the unfilled part at any time; partial fills are possible.</p>
          </>
        ) : (
          <p className="muted">
            A roll auction is an ask of this series' {side} for series B's {side}: a Dutch auction a market
            maker fills when the rate is good for it. Nothing leaves your wallet but the escrow.
          </p>
        )}
      </div>
      <SubmitRow verb="Post roll auction" canSend={canSend} connected={account !== undefined} tx={tx.state} />
      {posted !== undefined && tx.state.status === "confirmed" && (
        <p className="ok" data-testid="roll-posted">
          Roll auction posted as order #{posted.toString()}.
        </p>
      )}
    </FormShell>
  );
}

function planKey(p: {
  from: SeriesInfo;
  to: SeriesInfo | undefined;
  side: Side;
  amount: bigint | undefined;
}) {
  return [p.from.id, p.to?.id ?? "", p.side, p.amount?.toString() ?? ""];
}

function RollAtomic(props: LegProps) {
  const { from, to, side, amount, account, x, problem, blocking } = props;
  const { deployment, client } = useApp();
  const tx = useTx();
  const [slippageInput, setSlippageInput] = useState(String(DEFAULT_SLIPPAGE_PERCENT));
  const { market, router, weth, core } = deployment.contracts;
  const slippageBps = parseSlippage(slippageInput);
  const fromBlock = BigInt(deployment.startBlock);
  const validForSeconds = deadlineSeconds(useReplay());
  const ready =
    market !== undefined &&
    router !== undefined &&
    to !== undefined &&
    amount !== undefined &&
    blocking === undefined &&
    slippageBps !== undefined;
  const plan = useQuery({
    queryKey: ["rollPlan", ...planKey(props), String(slippageBps ?? "")],
    enabled: ready,
    retry: false,
    refetchInterval: 4_000,
    queryFn: (): Promise<RollPlan> => {
      if (!ready) throw new Error("not ready");
      return planRoll(client, {
        market,
        core,
        from: from.key,
        to: to.key,
        side,
        amountIn: amount,
        slippageBps,
        validForSeconds,
        fromBlock,
      });
    },
  });
  const planProblem = plan.error ? describeFailure(plan.error) : undefined;
  const native = getAddress(from.key.collateral) === getAddress(weth);
  const canSend = ready && account !== undefined && plan.data !== undefined && !isBusy(tx.state);

  const submit = () => {
    if (!canSend || !ready) return;
    const label = `Roll ${formatAmount(amount, 18)} ${symbolOf(from, side)} → ${symbolOf(to, side)}`;
    void tx
      .run(label, async (wallet, step) => {
        const planNow = () =>
          planRoll(client, {
            market,
            core,
            from: from.key,
            to: to.key,
            side,
            amountIn: amount,
            slippageBps,
            validForSeconds,
            fromBlock,
          });
        const approveBuffer = async (p: RollPlan) => {
          if (native) return;
          const buffer = { token: p.collateral, spender: router, amount: p.collateralIn };
          await ensureAllowance(wallet, client, { ...buffer, label: "Approve the buffer" }, step);
        };
        const first = await planNow();
        const tokenIn = { token: first.tokenIn, spender: router, amount };
        await ensureAllowance(
          wallet,
          client,
          { ...tokenIn, label: `Approve ${symbolOf(from, side)} for the router` },
          step,
        );
        await approveBuffer(first);
        // Planned again after the approvals: their blocks move chain time (a replay's jumps too), and the book may
        // have moved; a larger buffer is approved before the roll.
        const fresh = await planNow();
        await approveBuffer(fresh);
        step(label);
        const { hash } = await rollAtomic(wallet, {
          router,
          market,
          core,
          from: from.key,
          to: to.key,
          side,
          amountIn: amount,
          slippageBps,
          plan: fresh,
          native,
          refundEth: native,
        });
        return hash;
      })
      .then((receipt) => receipt && props.setAmountInput(""));
  };

  const p = plan.data;
  const chart = (
    <RollPayoffChart
      side={side}
      before={{ strikeWad: from.key.strikeWad, amount: amount ?? 0n, label: symbolOf(from, side) }}
      after={
        to === undefined
          ? undefined
          : { strikeWad: to.key.strikeWad, amount: p?.amountOut ?? amount ?? 0n, label: symbolOf(to, side) }
      }
      x={x}
      ticker={from.ticker}
    />
  );
  const tokens = tokenIndex([from, ...(to ? [to] : [])]);
  const sym = (token: Address) => {
    const ref = tokens.get(getAddress(token));
    return ref === undefined ? token : symbolOf(ref.series, ref.side);
  };
  return (
    <FormShell onSubmit={submit} chart={chart}>
      <AmountInput {...props} problem={problem} />
      <div className="field-row">
        <TextField
          label="Slippage"
          value={slippageInput}
          onChange={setSlippageInput}
          placeholder={String(DEFAULT_SLIPPAGE_PERCENT)}
          unit="%"
          testId="roll-slippage"
          hint="of the collateral traded (asks' cost + bids' pay)"
        />
      </div>
      {slippageBps === undefined && (
        <p className="field-error" role="alert" data-testid="roll-error">
          Enter a slippage between 0 and 100%.
        </p>
      )}
      {blocking !== undefined && props.amountInput.trim() === "" && (
        <p className="field-error" role="alert" data-testid="roll-error">
          {blocking}
        </p>
      )}
      {planProblem !== undefined && (
        <div className="field-error" role="alert" data-testid="roll-plan-error">
          <p>{planProblem.message}</p>
          {planProblem.details && <p className="muted">{planProblem.details}</p>}
        </div>
      )}
      <div className="preview" data-testid="preview">
        {p === undefined ? (
          <p className="muted">
            {ready && plan.isFetching
              ? "Planning the roll against the book…"
              : "An atomic roll trades against resting orders in one transaction: it buys A's other side from asks, merges A into ETH, splits B and sells B's other side into bids."}
          </p>
        ) : (
          <>
            <p>
              You give{" "}
              <strong>
                {formatAmount(p.amountIn, 18)} {sym(p.tokenIn)}
              </strong>{" "}
              and get{" "}
              <strong data-testid="roll-amount-out">
                {formatAmount(p.amountOut, 18)} {sym(p.tokenOut)}
              </strong>
              .
            </p>
            <p>
              The router buys {formatAmount(p.amountIn, 6)} {sym(p.buyToken)} from {p.asks.length} ask
              {p.asks.length === 1 ? "" : "s"} for {formatAmount(p.cost, 6)} ETH and sells{" "}
              {formatAmount(p.amountOut, 6)} {sym(p.sellToken)} into {p.bids.length} bid
              {p.bids.length === 1 ? "" : "s"} for {formatAmount(p.proceeds, 6)} ETH.
            </p>
            <p data-testid="roll-net">
              {p.netCost >= 0n ? (
                <>
                  Net cost <strong>{formatAmount(p.netCost, 6)} ETH</strong>
                </>
              ) : (
                <>
                  Net gain <strong>{formatAmount(-p.netCost, 6)} ETH</strong>
                </>
              )}
              : you send a buffer of {formatAmount(p.collateralIn, 6)} ETH and get back{" "}
              {formatAmount(p.expectedRefund, 6)} ETH (at least {formatAmount(p.minRefund, 6)}: at worst the
              roll costs {formatAmount(p.collateralIn - p.minRefund, 6)} ETH).
            </p>
          </>
        )}
      </div>
      <SubmitRow verb="Roll now" canSend={canSend} connected={account !== undefined} tx={tx.state} />
    </FormShell>
  );
}

function orderStatus(order: OwnOrder, now: bigint): string {
  if (order.closedBy === "fill" || (!order.open && order.closedBy === undefined)) return "filled";
  if (order.closedBy === "cancel") return order.filled > 0n ? "partly filled, cancelled" : "cancelled";
  if (order.expiry !== 0n && order.expiry <= now) return "expired";
  return order.filled > 0n ? "open, partly filled" : "open";
}

/** The account's roll orders out of this series: status, price now, what was filled, and a cancel button. */
function OwnRollOrders({
  series,
  all,
  account,
  now,
}: {
  series: SeriesInfo;
  all: readonly SeriesInfo[];
  account: Address | undefined;
  now: bigint;
}) {
  const { deployment } = useApp();
  const orders = useOwnOrders(account);
  const tx = useTx();
  const market = deployment.contracts.market;
  const tokens = tokenIndex(all);
  const mine = (orders.data ?? []).filter((o) => {
    const ref = tokens.get(getAddress(o.token));
    return !o.isBid && ref?.series.id === series.id && tokens.has(getAddress(o.counterToken));
  });
  if (market === undefined || mine.length === 0) return null;
  const sym = (token: Address) => {
    const ref = tokens.get(getAddress(token));
    return ref === undefined ? token : symbolOf(ref.series, ref.side);
  };
  return (
    <div className="own-orders">
      <h3>Your roll auctions from this series</h3>
      <table className="data-table" data-testid="roll-orders">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Offered → wanted</th>
            <th scope="col">Rate now</th>
            <th scope="col">Filled</th>
            <th scope="col">Status</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {mine.map((o) => {
            const status = orderStatus(o, now);
            return (
              <tr key={o.id.toString()} data-testid={`roll-order-${o.id}`}>
                <td>#{o.id.toString()}</td>
                <td>
                  {formatAmount(o.postedAmount, 6)} {sym(o.token)} → {sym(o.counterToken)}
                </td>
                <td>{o.open ? formatNumber(wadToNumber(orderPriceAt(o, now)), 4) : "—"}</td>
                <td>
                  {formatAmount(o.filled, 6)} for {formatAmount(o.received, 6)} {sym(o.counterToken)}
                </td>
                <td data-testid="roll-order-status">{status}</td>
                <td>
                  {o.open && (
                    <button
                      type="button"
                      className="quiet"
                      disabled={isBusy(tx.state)}
                      onClick={() =>
                        void tx.run(`Cancel order #${o.id}`, (wallet) =>
                          cancel(wallet, { market, orderId: o.id }),
                        )
                      }
                    >
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <TxStatus state={tx.state} />
    </div>
  );
}
