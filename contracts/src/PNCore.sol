// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPNCore} from "./interfaces/IPNCore.sol";
import {IWETH} from "./interfaces/IWETH.sol";
import {PairLib} from "./libraries/PairLib.sol";
import {PayoffLib} from "./libraries/PayoffLib.sol";
import {PNToken} from "./tokens/PNToken.sol";
import {SeriesId, SeriesKey, SeriesKeyLib, Side} from "./types/SeriesKey.sol";
import {LibClone} from "solady/utils/LibClone.sol";
import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @title PNCore
/// @notice See `IPNCore`. All prose lives there.
contract PNCore is IPNCore, ReentrancyGuardTransient {
    using PairLib for uint256;

    /// @dev Runtime size of a token clone: Solady's 45-byte proxy plus the 94-byte args.
    uint256 private constant TOKEN_CODE_SIZE = 0x2d + SeriesKeyLib.PACKED_LENGTH + 1;

    /// @inheritdoc IPNCore
    address public immutable WETH;
    /// @notice The implementation every P and N token clones.
    address public immutable tokenImplementation;

    /// @dev Outstanding P and N per series, packed by PairLib.
    mapping(SeriesId => uint256) private _supplies;
    /// @dev Per holder and series, P and N balances packed by PairLib: one slot for both sides.
    mapping(SeriesId => mapping(address => uint256)) private _balances;
    /// @dev After settlement: [0, 128) x, [128, 256) collateral still held for the series. Zero before.
    mapping(SeriesId => uint256) private _settlements;

    constructor(address weth) {
        WETH = weth;
        tokenImplementation = address(new PNToken());
    }

    /// @dev Accepts ETH only from WETH, while unwrapping a payout.
    receive() external payable {
        if (msg.sender != WETH) revert UnexpectedNativeSender(msg.sender);
    }

    /*//////////////////////////////////////////////////////////////
                                CREATION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNCore
    function createSeries(SeriesKey calldata key) external returns (SeriesId id, address pToken, address nToken) {
        if (key.collateral == address(0) || address(key.oracle) == address(0)) revert ZeroAddress();
        if (key.strikeWad == 0) revert ZeroStrike();
        if (key.maturity <= block.timestamp) revert MaturityNotInFuture(key.maturity, block.timestamp);
        if (key.collateral.code.length == 0) revert CollateralNotContract(key.collateral);
        id = SeriesKeyLib.toId(key);
        bytes memory pArgs = SeriesKeyLib.tokenArgs(key, Side.P);
        if (
            LibClone.predictDeterministicAddress(tokenImplementation, pArgs, SeriesId.unwrap(id), address(this)).code
                    .length != 0
        ) revert SeriesExists(id);

        pToken = LibClone.cloneDeterministic(tokenImplementation, pArgs, SeriesId.unwrap(id));
        nToken =
            LibClone.cloneDeterministic(tokenImplementation, SeriesKeyLib.tokenArgs(key, Side.N), SeriesId.unwrap(id));
        emit SeriesCreated(
            id, key.collateral, key.indexId, address(key.oracle), key.strikeWad, key.maturity, pToken, nToken
        );
    }

    /*//////////////////////////////////////////////////////////////
                             SPLIT AND MERGE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNCore
    /// @dev PN-1: collateral comes in one-for-one with each new pair; PN-3: P and N supplies rise together.
    function split(SeriesKey calldata key, uint256 amount, address to) external payable nonReentrant {
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint128).max) revert AmountOverflow(amount);
        if (to == address(0)) revert ZeroAddress();
        (SeriesId id, address pToken, address nToken) = _existingSeries(key);
        if (block.timestamp >= key.maturity) revert SeriesMatured(id, key.maturity);

        uint256 supplies = _supplies[id];
        _supplies[id] = PairLib.pack(supplies.p() + amount, supplies.n() + amount);
        uint256 balance = _balances[id][to];
        _balances[id][to] = PairLib.pack(balance.p() + amount, balance.n() + amount);
        emit Split(id, msg.sender, to, amount);

        _pullCollateral(key.collateral, amount);
        PNToken(pToken).emitTransfer(address(0), to, amount);
        PNToken(nToken).emitTransfer(address(0), to, amount);
    }

    /// @inheritdoc IPNCore
    function merge(SeriesKey calldata key, uint256 amount, address to) external nonReentrant {
        _merge(key, amount, to, false);
    }

    /// @inheritdoc IPNCore
    function mergeToETH(SeriesKey calldata key, uint256 amount, address payable to) external nonReentrant {
        _merge(key, amount, to, true);
    }

    /// @dev PN-1 / PN-2: a pair leaves with exactly one collateral unit, before or after settlement.
    function _merge(SeriesKey calldata key, uint256 amount, address to, bool asETH) private {
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        if (asETH) _requireNative(key.collateral);
        (SeriesId id, address pToken, address nToken) = _tokens(key);

        _burn(id, msg.sender, amount, amount);
        uint256 settlement = _settlements[id];
        if (settlement != 0) _settlements[id] = PairLib.pack(settlement.p(), settlement.n() - amount);
        emit Merge(id, msg.sender, to, amount);

        PNToken(pToken).emitTransfer(msg.sender, address(0), amount);
        PNToken(nToken).emitTransfer(msg.sender, address(0), amount);
        _payOut(key.collateral, to, amount, asETH);
    }

    /*//////////////////////////////////////////////////////////////
                        SETTLEMENT AND REDEMPTION
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNCore
    /// @dev PN-5: x is written here once; every later call reverts with `AlreadySettled`.
    function settle(SeriesKey calldata key) external nonReentrant returns (uint256 xWad) {
        (SeriesId id,,) = _existingSeries(key);
        if (block.timestamp < key.maturity) revert NotMatured(id, key.maturity);
        uint256 settlement = _settlements[id];
        if (settlement != 0) revert AlreadySettled(id, settlement.p());

        bool isFinal;
        (isFinal, xWad) = key.oracle.finalValue(key.indexId, key.maturity);
        if (!isFinal) revert OracleNotFinal(id, address(key.oracle));
        if (xWad == 0 || xWad > type(uint128).max) revert InvalidSettlementValue(id, xWad);

        // Before settlement the collateral held equals the outstanding pairs (PN-1).
        _settlements[id] = PairLib.pack(xWad, _supplies[id].p());
        emit Settle(id, msg.sender, xWad);
    }

    /// @inheritdoc IPNCore
    function redeem(SeriesKey calldata key, uint256 pAmount, uint256 nAmount, address to)
        external
        nonReentrant
        returns (uint256 payout)
    {
        payout = _redeem(key, pAmount, nAmount, to, false);
    }

    /// @inheritdoc IPNCore
    function redeemToETH(SeriesKey calldata key, uint256 pAmount, uint256 nAmount, address payable to)
        external
        nonReentrant
        returns (uint256 payout)
    {
        payout = _redeem(key, pAmount, nAmount, to, true);
    }

    /// @dev PN-2 / PN-4: each side is paid its exact claim rounded down, so claims stay covered.
    function _redeem(SeriesKey calldata key, uint256 pAmount, uint256 nAmount, address to, bool asETH)
        private
        returns (uint256 payout)
    {
        if (pAmount == 0 && nAmount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        if (asETH) _requireNative(key.collateral);
        SeriesId id = _id(key);
        uint256 settlement = _settlements[id];
        if (settlement == 0) revert NotSettled(id);

        uint256 xWad = settlement.p();
        payout = PayoffLib.pPayout(pAmount, key.strikeWad, xWad) + PayoffLib.nPayout(nAmount, key.strikeWad, xWad);
        _burn(id, msg.sender, pAmount, nAmount);
        _settlements[id] = PairLib.pack(xWad, settlement.n() - payout);
        emit Redeem(id, msg.sender, to, pAmount, nAmount, payout);

        if (pAmount != 0) PNToken(_token(key, id, Side.P)).emitTransfer(msg.sender, address(0), pAmount);
        if (nAmount != 0) PNToken(_token(key, id, Side.N)).emitTransfer(msg.sender, address(0), nAmount);
        if (payout != 0) _payOut(key.collateral, to, payout, asETH);
    }

    /*//////////////////////////////////////////////////////////////
                              TOKEN LEDGER
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNCore
    /// @dev PN-6: only a token the core deployed can move balances, and the token has checked the holder's call
    /// or allowance. PN-7: a move never changes supply.
    function transferFromToken(address from, address to, uint256 amount) external nonReentrant {
        (SeriesId id, Side side) = _callerToken();
        uint256 fromBalance = _balances[id][from];
        (uint256 pMoved, uint256 nMoved) = side == Side.P ? (amount, uint256(0)) : (uint256(0), amount);
        _balances[id][from] = _debit(id, from, fromBalance, pMoved, nMoved);
        uint256 toBalance = _balances[id][to];
        _balances[id][to] = PairLib.pack(toBalance.p() + pMoved, toBalance.n() + nMoved);
    }

    /*//////////////////////////////////////////////////////////////
                                  VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNCore
    function seriesId(SeriesKey calldata key) external pure returns (SeriesId) {
        return SeriesKeyLib.toId(key);
    }

    /// @inheritdoc IPNCore
    function tokensOf(SeriesKey calldata key) external view returns (address pToken, address nToken) {
        (, pToken, nToken) = _tokens(key);
    }

    /// @inheritdoc IPNCore
    function exists(SeriesKey calldata key) external view returns (bool) {
        (, address pToken,) = _tokens(key);
        return pToken.code.length != 0;
    }

    /// @inheritdoc IPNCore
    function suppliesOf(SeriesId id) external view returns (uint256 pSupply, uint256 nSupply) {
        uint256 supplies = _supplies[id];
        return (supplies.p(), supplies.n());
    }

    /// @inheritdoc IPNCore
    function balancesOf(SeriesId id, address owner) external view returns (uint256 p, uint256 n) {
        uint256 balance = _balances[id][owner];
        return (balance.p(), balance.n());
    }

    /// @inheritdoc IPNCore
    function collateralOf(SeriesId id) external view returns (uint256) {
        uint256 settlement = _settlements[id];
        return settlement == 0 ? _supplies[id].p() : settlement.n();
    }

    /// @inheritdoc IPNCore
    function settlementOf(SeriesId id) external view returns (uint256) {
        return _settlements[id].p();
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The guard uses transient storage (EIP-1153) on every chain, not only mainnet: the core targets the
    /// Prague EVM, and a storage guard would add about 2,000 gas to every entry, P/N transfers included.
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }

    function _id(SeriesKey calldata key) private pure returns (SeriesId) {
        return SeriesKeyLib.toId(key);
    }

    function _token(SeriesKey calldata key, SeriesId id, Side side) private view returns (address) {
        return LibClone.predictDeterministicAddress(
            tokenImplementation, SeriesKeyLib.tokenArgs(key, side), SeriesId.unwrap(id), address(this)
        );
    }

    function _tokens(SeriesKey calldata key) private view returns (SeriesId id, address pToken, address nToken) {
        id = _id(key);
        pToken = _token(key, id, Side.P);
        nToken = _token(key, id, Side.N);
    }

    function _existingSeries(SeriesKey calldata key)
        private
        view
        returns (SeriesId id, address pToken, address nToken)
    {
        (id, pToken, nToken) = _tokens(key);
        if (pToken.code.length == 0) revert SeriesNotFound(id);
    }

    /// @dev Identifies the calling token from its own immutable args, then checks that the core deployed it there.
    function _callerToken() private view returns (SeriesId id, Side side) {
        if (msg.sender.code.length != TOKEN_CODE_SIZE) revert NotSeriesToken(msg.sender);
        bytes memory args = LibClone.argsOnClone(msg.sender);
        if (uint8(args[SeriesKeyLib.PACKED_LENGTH]) > uint8(Side.N)) revert NotSeriesToken(msg.sender);
        SeriesKey memory key;
        (key, side) = SeriesKeyLib.fromTokenArgs(args);
        id = SeriesKeyLib.toId(key);
        address expected =
            LibClone.predictDeterministicAddress(tokenImplementation, args, SeriesId.unwrap(id), address(this));
        if (expected != msg.sender) revert NotSeriesToken(msg.sender);
    }

    function _burn(SeriesId id, address owner, uint256 pAmount, uint256 nAmount) private {
        _balances[id][owner] = _debit(id, owner, _balances[id][owner], pAmount, nAmount);
        uint256 supplies = _supplies[id];
        _supplies[id] = PairLib.pack(supplies.p() - pAmount, supplies.n() - nAmount);
    }

    function _debit(SeriesId id, address owner, uint256 balance, uint256 pAmount, uint256 nAmount)
        private
        pure
        returns (uint256)
    {
        if (balance.p() < pAmount) revert InsufficientBalance(id, Side.P, owner, balance.p(), pAmount);
        if (balance.n() < nAmount) revert InsufficientBalance(id, Side.N, owner, balance.n(), nAmount);
        return PairLib.pack(balance.p() - pAmount, balance.n() - nAmount);
    }

    /// @dev Native ETH is wrapped (collateral must be WETH); an ERC-20 is pulled and the core's balance must rise
    /// by exactly `amount`, which rejects fee-on-transfer and rounding rebasing tokens.
    function _pullCollateral(address collateral, uint256 amount) private {
        if (msg.value != 0) {
            _requireNative(collateral);
            if (msg.value != amount) revert NativeValueMismatch(msg.value, amount);
            IWETH(WETH).deposit{value: amount}();
            return;
        }
        uint256 before = SafeTransferLib.balanceOf(collateral, address(this));
        SafeTransferLib.safeTransferFrom(collateral, msg.sender, address(this), amount);
        uint256 received = SafeTransferLib.balanceOf(collateral, address(this)) - before;
        if (received != amount) revert CollateralTransferMismatch(collateral, amount, received);
    }

    /// @dev Native ETH paths need the series' collateral to be this core's WETH (checked before any effect).
    function _requireNative(address collateral) private view {
        if (collateral != WETH || WETH == address(0)) revert NativeNotSupported(collateral);
    }

    function _payOut(address collateral, address to, uint256 amount, bool asETH) private {
        if (!asETH) return SafeTransferLib.safeTransfer(collateral, to, amount);
        IWETH(WETH).withdraw(amount);
        SafeTransferLib.safeTransferETH(to, amount);
    }
}
