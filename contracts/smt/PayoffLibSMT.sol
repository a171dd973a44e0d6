// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PayoffLib} from "../src/libraries/PayoffLib.sol";

/// @notice SMTChecker target for PayoffLib (PN-4), within the core's input bounds (all < 2^128, x > 0).
/// `scripts/smt.ts` fails on any counterexample. See docs/smtchecker.md for what the solver proves.
contract PayoffLibSMT {
    function checkPayouts(uint256 amount, uint256 strikeWad, uint256 xWad) external pure {
        require(amount < 2 ** 128 && strikeWad < 2 ** 128 && xWad > 0 && xWad < 2 ** 128);
        uint256 p = PayoffLib.pPayout(amount, strikeWad, xWad);
        uint256 n = PayoffLib.nPayout(amount, strikeWad, xWad);
        assert(p <= amount);
        assert(n <= amount);
        assert(p + n <= amount);
        assert(p + n + 1 >= amount);
    }
}
