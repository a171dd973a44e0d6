// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../PNCore.sol";
import {IPNMarket} from "../interfaces/IPNMarket.sol";
import {IWETH} from "../interfaces/IWETH.sol";
import {SeriesKey} from "../types/SeriesKey.sol";
import {AuctionLib} from "./libraries/AuctionLib.sol";
import {OrderLib, OrderWords} from "./libraries/OrderLib.sol";
import {SeriesTokenLib} from "./libraries/SeriesTokenLib.sol";
import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @title PNMarket
/// @notice See `IPNMarket`. All prose lives there.
contract PNMarket is IPNMarket, ReentrancyGuardTransient {
    using OrderLib for uint256;

    uint256 private constant MASK_32 = type(uint32).max;
    uint256 private constant MASK_128 = type(uint128).max;

    /// @inheritdoc IPNMarket
    address public immutable core;
    /// @inheritdoc IPNMarket
    address public immutable WETH;
    /// @dev The implementation the core's P and N tokens clone, to recognise them without calling the core.
    address private immutable _tokenImplementation;

    /// @inheritdoc IPNMarket
    uint256 public orderCount;
    /// @inheritdoc IPNMarket
    uint256 public tokenCount;
    /// @inheritdoc IPNMarket
    mapping(uint256 tokenId => address) public tokenAt;
    /// @dev Registry word: [0, 32) token id | [32, 64) collateral id | [64, 224) collateral address. A collateral
    /// has only its id; 0 means unregistered.
    mapping(address token => uint256) private _tokenInfo;
    /// @dev Packed as described in `OrderLib`.
    mapping(uint256 orderId => OrderWords) private _orders;

    constructor(PNCore core_) {
        core = address(core_);
        WETH = core_.WETH();
        _tokenImplementation = core_.tokenImplementation();
    }

    /// @dev Accepts ETH only from WETH, while unwrapping a payout.
    receive() external payable {
        if (msg.sender != WETH) revert UnexpectedNativeSender(msg.sender);
    }

    /*//////////////////////////////////////////////////////////////
                                 TOKENS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNMarket
    function register(address token) external nonReentrant returns (uint256 tokenId) {
        uint256 info = _seriesTokenInfo(token);
        if (info == 0) revert NotSeriesToken(token);
        return info & MASK_32;
    }

    /*//////////////////////////////////////////////////////////////
                                 POSTING
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNMarket
    /// @dev MK-1: the escrow is `ceil(amount * price)`, checked to arrive in full.
    function postBid(address token, uint256 amount, uint256 priceWad, uint256 expiry)
        external
        payable
        nonReentrant
        returns (uint256 orderId)
    {
        _checkTerms(amount, priceWad, expiry);
        uint256 info = _seriesTokenInfo(token);
        if (info == 0) revert NotSeriesToken(token);
        address collateral = _collateralOf(info);
        // Rounds up: the escrow covers every later payout, each rounded down (favours the market).
        uint256 escrow = OrderLib.escrowUp(amount, priceWad);
        if (escrow > MASK_128) revert AmountOverflow(escrow);
        if (msg.value != 0) {
            _requireNative(collateral);
            if (msg.value != escrow) revert NativeValueMismatch(msg.value, escrow);
        }

        orderId = ++orderCount;
        OrderWords storage o = _orders[orderId];
        o.head = OrderLib.packHead(msg.sender, info & MASK_32, (info >> 32) & MASK_32, expiry);
        o.terms = OrderLib.packTerms(amount, priceWad);
        o.tail = OrderLib.packEscrow(escrow);
        emit BidPosted(orderId, msg.sender, token, collateral, amount, priceWad, expiry, escrow);

        if (msg.value != 0) IWETH(WETH).deposit{value: escrow}();
        else _pullExact(collateral, escrow);
    }

    /// @inheritdoc IPNMarket
    /// @dev MK-1: the ask escrows exactly `amount` (P and N move exact amounts; balances live in the core).
    function postAsk(AskParams calldata params) external nonReentrant returns (uint256 orderId) {
        _checkTerms(params.amount, params.startPriceWad, params.expiry);
        _checkCurve(params);
        uint256 info = _seriesTokenInfo(params.token);
        if (info == 0) revert NotSeriesToken(params.token);
        uint256 counterId = _wantId(params.token, info, params.want);

        orderId = ++orderCount;
        OrderWords storage o = _orders[orderId];
        o.head = OrderLib.packHead(msg.sender, info & MASK_32, counterId, params.expiry);
        o.terms = OrderLib.packTerms(params.amount, params.startPriceWad);
        if (params.duration != 0) {
            o.tail = OrderLib.packCurve(params.floorPriceWad, block.timestamp, params.duration, params.halfLife);
        }
        emit AskPosted(
            orderId,
            msg.sender,
            params.token,
            params.want,
            params.amount,
            params.startPriceWad,
            params.floorPriceWad,
            params.duration,
            params.halfLife,
            params.expiry
        );

        SafeTransferLib.safeTransferFrom(params.token, msg.sender, address(this), params.amount);
    }

    /*//////////////////////////////////////////////////////////////
                                  FILLS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNMarket
    function fill(uint256 orderId, uint256 amount, address to)
        external
        payable
        nonReentrant
        returns (uint256 counterAmount)
    {
        return _fill(orderId, amount, to, false);
    }

    /// @inheritdoc IPNMarket
    function fillToETH(uint256 orderId, uint256 amount, address payable to)
        external
        nonReentrant
        returns (uint256 counterAmount)
    {
        return _fill(orderId, amount, to, true);
    }

    /// @dev MK-2: never more than is open. The order's words are read once, here.
    function _fill(uint256 orderId, uint256 amount, address to, bool toETH) private returns (uint256) {
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        OrderWords memory w = _orders[orderId];
        if (w.head == 0) revert OrderNotOpen(orderId);
        if (w.head.isExpired()) revert OrderExpired(orderId, w.head.expiry());
        uint256 open = w.terms.amount();
        if (amount > open) revert FillExceedsRemaining(orderId, open, amount);
        if (w.tail.isBid()) {
            if (msg.value != 0) revert NativeValueMismatch(msg.value, 0);
            return _fillBid(orderId, w, amount, open - amount, to, toETH);
        }
        if (toETH) revert NotBid(orderId);
        return _fillAsk(orderId, w, amount, open - amount, to);
    }

    /// @dev MK-3: the maker receives `ceil(amount * p(now))` of the wanted token, p(now) never below the floor.
    function _fillAsk(uint256 orderId, OrderWords memory w, uint256 amount, uint256 remaining, address to)
        private
        returns (uint256 cost)
    {
        address maker = w.head.maker();
        address want = tokenAt[w.head.counterId()];
        // Rounds up: favours the maker.
        cost = OrderLib.costUp(amount, _price(w, block.timestamp));
        if (msg.value != 0) {
            _requireNative(want);
            if (msg.value < cost) revert NativeValueTooLow(msg.value, cost);
        }

        if (remaining == 0) delete _orders[orderId];
        else _orders[orderId].terms = w.terms.withAmount(remaining);
        emit OrderFilled(orderId, msg.sender, to, amount, cost, remaining);
        if (remaining == 0) emit OrderClosed(orderId, maker, msg.sender, false, 0);

        if (msg.value == 0) {
            SafeTransferLib.safeTransferFrom(want, msg.sender, maker, cost);
        } else {
            IWETH(WETH).deposit{value: cost}();
            SafeTransferLib.safeTransfer(WETH, maker, cost);
            if (msg.value > cost) SafeTransferLib.safeTransferETH(msg.sender, msg.value - cost);
        }
        SafeTransferLib.safeTransfer(tokenAt[w.head.tokenId()], to, amount);
    }

    /// @dev MK-3: the maker pays `floor(amount * price)`, never above its limit. MK-1: the escrow left is at least
    /// `remaining * price` (it starts at `ceil(open * price)` and each fill takes at most `amount * price`), so
    /// the subtraction cannot underflow; on the last fill the leftover goes back to the maker.
    function _fillBid(uint256 orderId, OrderWords memory w, uint256 amount, uint256 remaining, address to, bool toETH)
        private
        returns (uint256 proceeds)
    {
        address maker = w.head.maker();
        address collateral = tokenAt[w.head.counterId()];
        if (toETH) _requireNative(collateral);
        // Rounds down: favours the maker.
        proceeds = OrderLib.proceedsDown(amount, w.terms.priceWad());
        uint256 escrow = w.tail.low128() - proceeds;
        uint256 refund;

        if (remaining == 0) {
            refund = escrow;
            delete _orders[orderId];
        } else {
            OrderWords storage o = _orders[orderId];
            o.terms = w.terms.withAmount(remaining);
            o.tail = OrderLib.packEscrow(escrow);
        }
        emit OrderFilled(orderId, msg.sender, to, amount, proceeds, remaining);
        if (remaining == 0) emit OrderClosed(orderId, maker, msg.sender, false, refund);

        SafeTransferLib.safeTransferFrom(tokenAt[w.head.tokenId()], msg.sender, maker, amount);
        if (proceeds != 0) _payOut(collateral, to, proceeds, toETH);
        if (refund != 0) SafeTransferLib.safeTransfer(collateral, maker, refund);
    }

    /*//////////////////////////////////////////////////////////////
                              CANCELLATION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNMarket
    function cancel(uint256 orderId) external nonReentrant returns (uint256 refund) {
        return _cancel(orderId, false);
    }

    /// @inheritdoc IPNMarket
    function cancelToETH(uint256 orderId) external nonReentrant returns (uint256 refund) {
        return _cancel(orderId, true);
    }

    /// @dev MK-5: the refund is exactly the stored escrow (an ask's open amount, a bid's escrow left).
    function _cancel(uint256 orderId, bool toETH) private returns (uint256 refund) {
        OrderWords memory w = _orders[orderId];
        if (w.head == 0) revert OrderNotOpen(orderId);
        address maker = w.head.maker();
        if (msg.sender != maker && (toETH || !w.head.isExpired())) {
            revert CancelNotAllowed(orderId, msg.sender, maker, w.head.expiry());
        }
        bool isBid = w.tail.isBid();
        if (toETH && !isBid) revert NotBid(orderId);
        address escrowToken = tokenAt[isBid ? w.head.counterId() : w.head.tokenId()];
        if (toETH) _requireNative(escrowToken);
        refund = isBid ? w.tail.low128() : w.terms.amount();

        delete _orders[orderId];
        emit OrderClosed(orderId, maker, msg.sender, true, refund);

        _payOut(escrowToken, maker, refund, toETH);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNMarket
    function orderOf(uint256 orderId) public view returns (Order memory order) {
        OrderWords memory w = _orders[orderId];
        if (w.head == 0) return order;
        order.maker = w.head.maker();
        order.token = tokenAt[w.head.tokenId()];
        order.counterToken = tokenAt[w.head.counterId()];
        order.isBid = w.tail.isBid();
        order.amount = w.terms.amount();
        order.priceWad = w.terms.priceWad();
        order.floorPriceWad = order.priceWad;
        order.expiry = w.head.expiry();
        order.escrow = order.amount;
        if (order.isBid) {
            order.escrow = w.tail.low128();
        } else if (w.tail != 0) {
            order.floorPriceWad = w.tail.low128();
            order.startTime = w.tail.startTime();
            order.duration = w.tail.duration();
            order.halfLife = w.tail.halfLife();
        }
    }

    /// @inheritdoc IPNMarket
    function ordersOf(uint256[] calldata orderIds) external view returns (Order[] memory orders) {
        orders = new Order[](orderIds.length);
        for (uint256 i; i < orderIds.length; ++i) {
            orders[i] = orderOf(orderIds[i]);
        }
    }

    /// @inheritdoc IPNMarket
    function fillableOf(uint256 orderId)
        external
        view
        returns (address token, address counterToken, bool isBid, uint256 fillable, uint256 priceWad)
    {
        OrderWords memory w = _orders[orderId];
        if (w.head == 0) return (address(0), address(0), false, 0, 0);
        token = tokenAt[w.head.tokenId()];
        counterToken = tokenAt[w.head.counterId()];
        isBid = w.tail.isBid();
        fillable = w.head.isExpired() ? 0 : w.terms.amount();
        priceWad = _price(w, block.timestamp);
    }

    /// @inheritdoc IPNMarket
    function priceAt(uint256 orderId, uint256 timestamp) external view returns (uint256) {
        OrderWords memory w = _orders[orderId];
        return w.head == 0 ? 0 : _price(w, timestamp);
    }

    /// @inheritdoc IPNMarket
    function quote(uint256 orderId, uint256 amount) external view returns (uint256) {
        OrderWords memory w = _orders[orderId];
        if (w.head == 0) return 0;
        uint256 price = _price(w, block.timestamp);
        return w.tail.isBid() ? OrderLib.proceedsDown(amount, price) : OrderLib.costUp(amount, price);
    }

    /// @inheritdoc IPNMarket
    function tokenIdOf(address token) external view returns (uint256 tokenId, uint256 collateralId) {
        uint256 info = _tokenInfo[token];
        return (info & MASK_32, (info >> 32) & MASK_32);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev A bid's or flat ask's price, or a curved ask's price at `timestamp` (its start price before it starts).
    function _price(OrderWords memory w, uint256 timestamp) private pure returns (uint256) {
        uint256 tail = w.tail;
        if (tail == 0 || tail.isBid()) return w.terms.priceWad();
        uint256 start = tail.startTime();
        return AuctionLib.priceAt(
            w.terms.priceWad(),
            tail.low128(),
            tail.duration(),
            tail.halfLife(),
            timestamp > start ? timestamp - start : 0
        );
    }

    function _checkTerms(uint256 amount, uint256 priceWad, uint256 expiry) private view {
        if (amount == 0) revert ZeroAmount();
        if (amount > MASK_128) revert AmountOverflow(amount);
        if (priceWad == 0) revert ZeroPrice();
        if (priceWad > MASK_128) revert PriceOverflow(priceWad);
        if (expiry != 0 && (expiry <= block.timestamp || expiry > MASK_32)) {
            revert InvalidExpiry(expiry, block.timestamp);
        }
    }

    /// @dev Flat: `floor == start`, no half-life. Curve: `0 < floor < start`, duration and half-life below 2^32.
    function _checkCurve(AskParams calldata p) private pure {
        bool ok = p.duration == 0
            ? p.floorPriceWad == p.startPriceWad && p.halfLife == 0
            : p.floorPriceWad != 0 && p.floorPriceWad < p.startPriceWad && p.duration <= MASK_32
                && p.halfLife <= MASK_32;
        if (!ok) revert InvalidCurve(p.startPriceWad, p.floorPriceWad, p.duration, p.halfLife);
    }

    /// @dev The wanted token's id: `token`'s collateral, or another P or N token of the core.
    function _wantId(address token, uint256 info, address want) private returns (uint256) {
        if (want == _collateralOf(info)) return (info >> 32) & MASK_32;
        uint256 wantInfo = want == token ? 0 : _seriesTokenInfo(want);
        if (wantInfo == 0) revert InvalidCounterToken(token, want);
        return wantInfo & MASK_32;
    }

    /// @dev `token`'s registry word, registering it and its collateral on first sight; 0 if `token` is not a P or
    /// N token of the core.
    function _seriesTokenInfo(address token) private returns (uint256 info) {
        info = _tokenInfo[token];
        if ((info >> 32) & MASK_32 != 0) return info;
        (bool ok, SeriesKey memory key) = SeriesTokenLib.verify(core, _tokenImplementation, token);
        if (!ok) return 0;
        uint256 collateralId = _tokenInfo[key.collateral] & MASK_32;
        if (collateralId == 0) {
            collateralId = _newId(key.collateral);
            _tokenInfo[key.collateral] = collateralId;
            emit TokenRegistered(collateralId, key.collateral, key.collateral);
        }
        // A token first seen as a collateral (a series on a P or N token) keeps its id.
        uint256 tokenId = info == 0 ? _newId(token) : info;
        info = tokenId | (collateralId << 32) | (uint256(uint160(key.collateral)) << 64);
        _tokenInfo[token] = info;
        emit TokenRegistered(tokenId, token, key.collateral);
    }

    /// @dev The collateral address of a series token's registry word.
    function _collateralOf(uint256 info) private pure returns (address) {
        // Keeps exactly the 160 bits of the collateral address (bits [224, 256) are always 0).
        // forge-lint: disable-next-line(unsafe-typecast)
        return address(uint160(info >> 64));
    }

    function _newId(address token) private returns (uint256 tokenId) {
        tokenId = ++tokenCount;
        if (tokenId > MASK_32) revert RegistryFull();
        tokenAt[tokenId] = token;
    }

    /// @dev Pulls `amount` of a collateral and checks the market's balance rose by exactly that (MK-1).
    function _pullExact(address token, uint256 amount) private {
        uint256 before = SafeTransferLib.balanceOf(token, address(this));
        SafeTransferLib.safeTransferFrom(token, msg.sender, address(this), amount);
        uint256 received = SafeTransferLib.balanceOf(token, address(this)) - before;
        if (received != amount) revert CollateralTransferMismatch(token, amount, received);
    }

    function _payOut(address token, address to, uint256 amount, bool asETH) private {
        if (!asETH) return SafeTransferLib.safeTransfer(token, to, amount);
        IWETH(WETH).withdraw(amount);
        SafeTransferLib.safeTransferETH(to, amount);
    }

    /// @dev Native paths need the token to be the core's WETH (checked before any effect).
    function _requireNative(address token) private view {
        if (token != WETH || WETH == address(0)) revert NativeNotSupported(token);
    }

    /// @dev Always transient storage (EIP-1153), on every chain.
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }
}
