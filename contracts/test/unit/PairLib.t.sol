// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PairLib} from "../../src/libraries/PairLib.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Calls PairLib externally, so that its reverts happen one call below the test.
contract PairLibHarness {
    function pack(uint256 p, uint256 n) external pure returns (uint256) {
        return PairLib.pack(p, n);
    }
}

contract PairLibTest is Test {
    using PairLib for uint256;

    uint256 internal constant MAX = type(uint128).max;

    PairLibHarness internal harness = new PairLibHarness();

    function testRoundTrip(uint256 p, uint256 n) public pure {
        p = bound(p, 0, MAX);
        n = bound(n, 0, MAX);
        uint256 word = PairLib.pack(p, n);
        assertEq(word.p(), p, "p");
        assertEq(word.n(), n, "n");
    }

    /// @dev [0, 128) P, [128, 256) N.
    function testLayout(uint128 p, uint128 n) public pure {
        assertEq(PairLib.pack(p, n), uint256(p) | (uint256(n) << 128));
    }

    function testHalvesDoNotBleed() public pure {
        assertEq(PairLib.pack(MAX, 0).n(), 0, "full P leaves N empty");
        assertEq(PairLib.pack(0, MAX).p(), 0, "full N leaves P empty");
        assertEq(PairLib.pack(MAX, MAX), type(uint256).max, "both full");
    }

    function testOverflowP(uint256 p, uint256 n) public {
        p = bound(p, MAX + 1, type(uint256).max);
        n = bound(n, 0, MAX);
        vm.expectRevert(abi.encodeWithSelector(PairLib.PairOverflow.selector, p, n));
        harness.pack(p, n);
    }

    function testOverflowN(uint256 p, uint256 n) public {
        p = bound(p, 0, MAX);
        n = bound(n, MAX + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(PairLib.PairOverflow.selector, p, n));
        harness.pack(p, n);
    }

    function testOverflowBoth(uint256 p, uint256 n) public {
        p = bound(p, MAX + 1, type(uint256).max);
        n = bound(n, MAX + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(PairLib.PairOverflow.selector, p, n));
        harness.pack(p, n);
    }
}
