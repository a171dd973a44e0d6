// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OrderLib} from "../../../src/market/libraries/OrderLib.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The packed order words round-trip every field within its bounds, and the three rounding sites round
/// as documented.
contract OrderLibTest is Test {
    using OrderLib for uint256;

    uint256 internal constant WAD = 1e18;

    function testHeadRoundTrip(address maker, uint32 tokenId, uint32 counterId, uint32 expiry) public pure {
        uint256 head = OrderLib.packHead(maker, tokenId, counterId, expiry);
        assertEq(head.maker(), maker);
        assertEq(head.tokenId(), tokenId);
        assertEq(head.counterId(), counterId);
        assertEq(head.expiry(), expiry);
    }

    function testTermsRoundTrip(uint128 amount, uint128 priceWad, uint128 newAmount) public pure {
        uint256 terms = OrderLib.packTerms(amount, priceWad);
        assertEq(terms.amount(), amount);
        assertEq(terms.priceWad(), priceWad);
        terms = terms.withAmount(newAmount);
        assertEq(terms.amount(), newAmount);
        assertEq(terms.priceWad(), priceWad, "withAmount kept the price");
    }

    function testCurveRoundTrip(uint128 floorPriceWad, uint40 startTime, uint32 duration, uint32 halfLife) public pure {
        uint256 tail = OrderLib.packCurve(floorPriceWad, startTime, duration, halfLife);
        assertFalse(tail.isBid());
        assertEq(tail.low128(), floorPriceWad);
        assertEq(tail.startTime(), startTime);
        assertEq(tail.duration(), duration);
        assertEq(tail.halfLife(), halfLife);
    }

    function testEscrowRoundTrip(uint128 escrow) public pure {
        uint256 tail = OrderLib.packEscrow(escrow);
        assertTrue(tail.isBid());
        assertEq(tail.low128(), escrow);
    }

    function testIsExpired(uint32 expiry, uint32 nowTimestamp) public {
        vm.warp(nowTimestamp);
        uint256 head = OrderLib.packHead(address(1), 1, 2, expiry);
        assertEq(head.isExpired(), expiry != 0 && nowTimestamp >= expiry);
    }

    /// @dev Escrow and cost round up, proceeds round down, each by less than one unit.
    function testRounding(uint128 amount, uint128 priceWad) public pure {
        uint256 exact = uint256(amount) * priceWad; // scaled by 1e18
        uint256 up = OrderLib.costUp(amount, priceWad);
        uint256 down = OrderLib.proceedsDown(amount, priceWad);
        assertEq(OrderLib.escrowUp(amount, priceWad), up, "escrow and cost share one formula");
        assertGe(up * WAD, exact, "cost below the exact value");
        assertLt(up * WAD, exact + WAD, "cost a unit above it");
        assertLe(down * WAD, exact, "proceeds above the exact value");
        assertGt(down * WAD + WAD, exact, "proceeds a unit below it");
        assertEq(up - down, exact % WAD == 0 ? 0 : 1);
    }

    /// @dev A bid's escrow covers any split of its amount into fills, each paid rounded down.
    function testEscrowCoversAnyFills(uint128 amount, uint128 priceWad, uint256 seed) public pure {
        amount = uint128(bound(amount, 1, type(uint128).max));
        uint256 escrow = OrderLib.escrowUp(amount, priceWad);
        uint256 left = amount;
        for (uint256 i; i < 8 && left > 0; ++i) {
            uint256 fill = i == 7 ? left : bound(uint256(keccak256(abi.encode(seed, i))), 1, left);
            escrow -= OrderLib.proceedsDown(fill, priceWad); // reverts on underflow
            left -= fill;
            assertGe(escrow * WAD, left * priceWad, "escrow below what is left to buy");
        }
    }
}
