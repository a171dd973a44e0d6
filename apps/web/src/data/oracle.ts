// Oracle reads. Every oracle answers IIndexOracle.finalValue; the slow oracle (ISlowOracle) also has proposals,
// disputes and windows, read from its events and views. A deployment without `contracts.oracle` has none.

import { indexLabel } from "@pn/core";
import { iIndexOracleAbi, slowOracleAbi } from "@pn/sdk";
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import type { SeriesInfo } from "../lib/series.ts";
import { useApp } from "./app.tsx";

/** One (oracle, index, maturity) that some series asks about, with the oracle's current answer. */
export type SeriesQuestion = {
  oracle: Address;
  indexId: Hex;
  ticker: string;
  timestamp: bigint;
  seriesCount: number;
  isFinal: boolean;
  valueWad: bigint;
};

export function useSeriesQuestions(series: readonly SeriesInfo[] | undefined) {
  const { client } = useApp();
  const keys = new Map<string, { oracle: Address; indexId: Hex; timestamp: bigint; count: number }>();
  for (const s of series ?? []) {
    const id = `${s.key.oracle}:${s.key.indexId}:${s.key.maturity}`;
    const entry = keys.get(id);
    if (entry) entry.count += 1;
    else keys.set(id, { oracle: s.key.oracle, indexId: s.key.indexId, timestamp: s.key.maturity, count: 1 });
  }
  return useQuery({
    queryKey: ["seriesQuestions", [...keys.keys()].join(",")],
    enabled: series !== undefined,
    queryFn: () =>
      Promise.all(
        [...keys.values()].map(async (q): Promise<SeriesQuestion> => {
          const [isFinal, valueWad] = await client.readContract({
            address: q.oracle,
            abi: iIndexOracleAbi,
            functionName: "finalValue",
            args: [q.indexId, q.timestamp],
          });
          return {
            oracle: q.oracle,
            indexId: q.indexId,
            ticker: indexLabel(q.indexId),
            timestamp: q.timestamp,
            seriesCount: q.count,
            isFinal,
            valueWad,
          };
        }),
      ),
    refetchInterval: 4_000,
  });
}

export const QUESTION_STATUS = ["None", "Proposed", "Escalated", "Finalized"] as const;
export type QuestionStatus = (typeof QUESTION_STATUS)[number];

export type Answer = { answerer: Address; valueWad: bigint; bond: bigint };

/** A slow-oracle question that has at least a proposal. */
export type SlowQuestion = {
  indexId: Hex;
  ticker: string;
  timestamp: bigint;
  status: QuestionStatus;
  round: number;
  valueWad: bigint;
  answeredAt: bigint;
  escalatedAt: bigint;
  arbitrated: boolean;
  challengeWindow: bigint;
  nextDisputeBond: bigint;
  arbitrationDeadline: bigint;
  answers: Answer[];
};

async function readQuestion(
  client: ReturnType<typeof useApp>["client"],
  oracle: Address,
  indexId: Hex,
  timestamp: bigint,
): Promise<SlowQuestion> {
  const read = { address: oracle, abi: slowOracleAbi } as const;
  const [view, config, nextDisputeBond, arbitrationDeadline] = await Promise.all([
    client.readContract({ ...read, functionName: "question", args: [indexId, timestamp] }),
    client.readContract({ ...read, functionName: "indexConfig", args: [indexId] }),
    client.readContract({ ...read, functionName: "nextDisputeBond", args: [indexId, timestamp] }),
    client.readContract({ ...read, functionName: "arbitrationDeadline", args: [indexId, timestamp] }),
  ]);
  const answers = await Promise.all(
    Array.from({ length: view.round + 1 }, (_, round) =>
      client.readContract({ ...read, functionName: "answer", args: [indexId, timestamp, BigInt(round)] }),
    ),
  );
  return {
    indexId,
    ticker: indexLabel(indexId),
    timestamp,
    status: QUESTION_STATUS[view.status] ?? "None",
    round: view.round,
    valueWad: view.valueWad,
    answeredAt: BigInt(view.answeredAt),
    escalatedAt: BigInt(view.escalatedAt),
    arbitrated: view.arbitrated,
    challengeWindow: BigInt(config.challengeWindow),
    nextDisputeBond,
    arbitrationDeadline,
    answers: answers.map(([answerer, valueWad, bond]) => ({ answerer, valueWad, bond })),
  };
}

/** Every question the slow oracle has a proposal for, newest maturity first. */
export function useSlowOracleQuestions() {
  const { client, deployment } = useApp();
  const oracle = deployment.contracts.oracle;
  return useQuery({
    queryKey: ["slowOracle", oracle ?? ""],
    enabled: oracle !== undefined,
    queryFn: async (): Promise<SlowQuestion[]> => {
      if (oracle === undefined) return [];
      const proposed = await client.getContractEvents({
        address: oracle,
        abi: slowOracleAbi,
        eventName: "Proposed",
        fromBlock: BigInt(deployment.startBlock),
        strict: true,
      });
      const unique = new Map(proposed.map((log) => [`${log.args.indexId}:${log.args.timestamp}`, log.args]));
      const questions = await Promise.all(
        [...unique.values()].map((q) => readQuestion(client, oracle, q.indexId, q.timestamp)),
      );
      return questions.sort((a, b) => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0));
    },
    refetchInterval: 4_000,
  });
}
