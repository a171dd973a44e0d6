// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice The three storage words of an order. See `OrderLib` for the bit layout.
struct OrderWords {
    uint256 head;
    uint256 terms;
    uint256 tail;
}

/// @title OrderLib
/// @notice Packs and reads an order's storage words, and holds the market's three rounding sites.
/// @dev Bit layout (little end first):
///
///     head   [0, 160) maker | [160, 192) tokenId | [192, 224) counterId | [224, 256) expiry (0 = none)
///     terms  [0, 128) amount remaining, in token units | [128, 256) priceWad (bid: limit; ask: start price)
///     tail   flat ask: 0 (never written)
///            curved ask: [0, 128) floorPriceWad | [128, 168) startTime | [168, 200) duration
///                        | [200, 232) halfLife | [232, 256) 0
///            bid: [0, 128) escrow remaining, in collateral units | [128, 255) 0 | [255] 1
///
/// A flat ask takes two fresh slots, a bid or a curved ask three. An order is open while its head is non-zero:
/// the last fill and a cancel delete all three words. The market checks every bound before packing (amounts and
/// prices below 2^128, ids, expiry, duration and half-life below 2^32, start time below 2^40), so fields never
/// bleed into each other.
library OrderLib {
    uint256 internal constant MASK_32 = type(uint32).max;
    uint256 internal constant MASK_40 = type(uint40).max;
    uint256 internal constant MASK_128 = type(uint128).max;
    uint256 internal constant BID_FLAG = 1 << 255;

    /*//////////////////////////////////////////////////////////////
                                 PACKING
    //////////////////////////////////////////////////////////////*/

    function packHead(address maker_, uint256 tokenId_, uint256 counterId_, uint256 expiry_)
        internal
        pure
        returns (uint256)
    {
        return uint256(uint160(maker_)) | (tokenId_ << 160) | (counterId_ << 192) | (expiry_ << 224);
    }

    function packTerms(uint256 amount_, uint256 priceWad_) internal pure returns (uint256) {
        return amount_ | (priceWad_ << 128);
    }

    function packCurve(uint256 floorPriceWad_, uint256 startTime_, uint256 duration_, uint256 halfLife_)
        internal
        pure
        returns (uint256)
    {
        return floorPriceWad_ | (startTime_ << 128) | (duration_ << 168) | (halfLife_ << 200);
    }

    function packEscrow(uint256 escrow_) internal pure returns (uint256) {
        return escrow_ | BID_FLAG;
    }

    /// @dev Replaces the amount of `terms`, keeping its price.
    function withAmount(uint256 terms, uint256 amount_) internal pure returns (uint256) {
        return (terms & ~MASK_128) | amount_;
    }

    /*//////////////////////////////////////////////////////////////
                                 READING
    //////////////////////////////////////////////////////////////*/

    function maker(uint256 head) internal pure returns (address) {
        // Keeps exactly the maker's 160 bits.
        // forge-lint: disable-next-line(unsafe-typecast)
        return address(uint160(head));
    }

    function tokenId(uint256 head) internal pure returns (uint256) {
        return (head >> 160) & MASK_32;
    }

    function counterId(uint256 head) internal pure returns (uint256) {
        return (head >> 192) & MASK_32;
    }

    function expiry(uint256 head) internal pure returns (uint256) {
        return head >> 224;
    }

    /// @dev Expired once `block.timestamp` reaches a non-zero expiry.
    function isExpired(uint256 head) internal view returns (bool) {
        uint256 e = head >> 224;
        return e != 0 && block.timestamp >= e;
    }

    function amount(uint256 terms) internal pure returns (uint256) {
        return terms & MASK_128;
    }

    function priceWad(uint256 terms) internal pure returns (uint256) {
        return terms >> 128;
    }

    function isBid(uint256 tail) internal pure returns (bool) {
        return tail & BID_FLAG != 0;
    }

    /// @dev Bid: the escrow. Curved ask: the floor price.
    function low128(uint256 tail) internal pure returns (uint256) {
        return tail & MASK_128;
    }

    function startTime(uint256 tail) internal pure returns (uint256) {
        return (tail >> 128) & MASK_40;
    }

    function duration(uint256 tail) internal pure returns (uint256) {
        return (tail >> 168) & MASK_32;
    }

    function halfLife(uint256 tail) internal pure returns (uint256) {
        return (tail >> 200) & MASK_32;
    }

    /*//////////////////////////////////////////////////////////////
                                ROUNDING
    //////////////////////////////////////////////////////////////*/

    /// @notice Collateral a bid escrows for `amount_` tokens at `priceWad_`: `ceil(amount * price / 1e18)`.
    /// Rounds up: the escrow always covers every fill of the order (favours the market and the taker's payout
    /// is never short).
    function escrowUp(uint256 amount_, uint256 priceWad_) internal pure returns (uint256) {
        return FixedPointMathLib.mulWadUp(amount_, priceWad_);
    }

    /// @notice What the taker of an ask pays for `amount_` at `priceWad_`: `ceil(amount * price / 1e18)`.
    /// Rounds up: favours the maker.
    function costUp(uint256 amount_, uint256 priceWad_) internal pure returns (uint256) {
        return FixedPointMathLib.mulWadUp(amount_, priceWad_);
    }

    /// @notice What a bid pays its taker for `amount_` at `priceWad_`: `floor(amount * price / 1e18)`.
    /// Rounds down: favours the maker.
    function proceedsDown(uint256 amount_, uint256 priceWad_) internal pure returns (uint256) {
        return FixedPointMathLib.mulWad(amount_, priceWad_);
    }
}
