// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BondLib} from "../../../src/oracle/libraries/BondLib.sol";
import {Test} from "forge-std/Test.sol";

contract BondLibTest is Test {
    uint256 internal constant MAX_ROUNDS = 8;

    function testBondAtDoubles(uint96 baseBond, uint256 round) public pure {
        round = bound(round, 0, MAX_ROUNDS);
        assertEq(BondLib.bondAt(baseBond, round), uint256(baseBond) * 2 ** round);
    }

    function testAllRoundsSumsBonds(uint96 baseBond, uint256 lastRound) public pure {
        lastRound = bound(lastRound, 0, MAX_ROUNDS);
        uint256 sum;
        for (uint256 r; r <= lastRound; ++r) {
            sum += BondLib.bondAt(baseBond, r);
        }
        assertEq(BondLib.allRounds(lastRound), 2 ** (lastRound + 1) - 1, "mask");
        assertEq(BondLib.bondsOf(baseBond, BondLib.allRounds(lastRound)), sum, "bonds of all rounds");
    }

    function testRewardPoolRoundsDown(uint256 wrongBonds, uint256 shareBps) public pure {
        wrongBonds = bound(wrongBonds, 0, type(uint128).max);
        shareBps = bound(shareBps, 0, BondLib.BPS);
        uint256 pool = BondLib.rewardPool(wrongBonds, shareBps);
        assertLe(pool * BondLib.BPS, wrongBonds * shareBps, "pool over the share");
        assertGt((pool + 1) * BondLib.BPS, wrongBonds * shareBps, "pool more than 1 wei under the share");
    }

    /// @dev The base bond cancels: the mask form equals the plain pro-rata form for any base bond, and the
    /// rewards of the right rounds never add up to more than the pool (the sink gets the dust).
    function testRewardsProRataAndNeverExceedPool(uint96 baseBond, uint256 pool, uint256 rightMask, uint256 lastRound)
        public
        pure
    {
        baseBond = uint96(bound(baseBond, 1, type(uint96).max));
        lastRound = bound(lastRound, 0, MAX_ROUNDS);
        rightMask = bound(rightMask, 1, BondLib.allRounds(lastRound));
        pool = bound(pool, 0, uint256(type(uint96).max) << MAX_ROUNDS);
        uint256 paid;
        for (uint256 r; r <= lastRound; ++r) {
            if (rightMask & BondLib.roundBit(r) == 0) continue;
            uint256 reward = BondLib.rewardOf(pool, r, rightMask);
            assertEq(
                reward,
                pool * BondLib.bondAt(baseBond, r) / BondLib.bondsOf(baseBond, rightMask),
                "mask form != pro-rata form"
            );
            paid += reward;
        }
        assertLe(paid, pool, "rewards exceed the pool");
        assertLe(pool - paid, lastRound + 1, "more than 1 wei of dust per right round");
    }
}
