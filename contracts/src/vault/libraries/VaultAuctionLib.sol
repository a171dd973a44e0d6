// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNMarket} from "../../interfaces/IPNMarket.sol";
import {AuctionLib} from "../../market/libraries/AuctionLib.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @title VaultAuctionLib
/// @notice The vault's market orders: a Dutch auction that ends at a deadline, and the same auction continued after
/// a withdrawal took part of its escrow.
library VaultAuctionLib {
    /// @notice An ask of `amount` `token` for `want`, from `startWad` to `floorWad` over `duration` (linear, or
    /// halving every `halfLife`), expiring at `deadline`. The curve is shortened to end by the deadline when less
    /// time is left than `duration`. Needs `deadline > nowTs`.
    function ask(
        address token,
        address want,
        uint256 amount,
        uint256 startWad,
        uint256 floorWad,
        uint256 duration,
        uint256 halfLife,
        uint256 deadline,
        uint256 nowTs
    ) internal pure returns (IPNMarket.AskParams memory) {
        duration = FixedPointMathLib.min(duration, deadline - nowTs);
        return IPNMarket.AskParams({
            token: token,
            want: want,
            amount: amount,
            startPriceWad: startWad,
            floorPriceWad: floorWad,
            duration: duration,
            halfLife: halfLife < duration ? halfLife : 0,
            expiry: deadline
        });
    }

    /// @notice Order `o` (an open curved or flat ask) re-offered for `amount` from `nowTs` on, continuing its curve:
    /// it starts at `o`'s current price, keeps its floor, half-life and expiry, and reaches the floor when `o` would
    /// have. Linear: the same line, each price rounded up (never below `o`'s, at most a wei above). Exponential: the
    /// distance to the floor keeps halving every half-life from the current price; as every chord lies above the
    /// true exponential, the continued price never falls below `o`'s true exponential, and is at most one more
    /// chord's error (at most 6.15%) above the original. So a withdrawal can slow an auction slightly, never speed
    /// it up, however often it happens. At or past the floor: a flat ask at the floor.
    function continued(IPNMarket.Order memory o, uint256 amount, uint256 nowTs)
        internal
        pure
        returns (IPNMarket.AskParams memory p)
    {
        uint256 elapsed = nowTs > o.startTime ? nowTs - o.startTime : 0;
        uint256 price = AuctionLib.priceAt(o.priceWad, o.floorPriceWad, o.duration, o.halfLife, elapsed);
        p.token = o.token;
        p.want = o.counterToken;
        p.amount = amount;
        p.startPriceWad = price;
        p.floorPriceWad = o.floorPriceWad;
        p.expiry = o.expiry;
        if (price > o.floorPriceWad) {
            p.duration = o.duration - elapsed;
            p.halfLife = o.halfLife;
        } else {
            p.startPriceWad = o.floorPriceWad;
        }
    }
}
