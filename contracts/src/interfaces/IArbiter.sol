// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IArbiter
/// @notice The safer, slower, more expensive judge behind a slow-oracle index. When a question escalates, the
/// oracle notifies the index's arbiter; the arbiter answers by calling `ISlowOracle.arbitrate` before the index's
/// arbitration deadline (`ISlowOracle.arbitrationDeadline`), and that answer is final. If it does not answer in
/// time, the latest answer stands (the oracle's liveness fallback), so an arbiter can delay a question by at most
/// one arbitration window and can never block it.
///
/// Plugging in another arbiter: any contract that (a) implements `onEscalation` without relying on being called
/// (the oracle forwards `ISlowOracle.ARBITER_GAS` and ignores a revert, so an arbiter can also watch the
/// `Escalated` event instead) and (b) calls `arbitrate(indexId, timestamp, valueWad)` on the oracle with its
/// decision. Examples:
/// - a committee of M-of-N signers (`CommitteeArbiter`, shipped);
/// - an adapter that asks UMA's optimistic oracle and relays its settled price;
/// - an adapter over a scalar prediction market that relays the market's resolution.
interface IArbiter {
    /// @notice The oracle escalated the question (indexId, timestamp) to this arbiter.
    function onEscalation(bytes32 indexId, uint256 timestamp) external;
}
